#!/usr/bin/env bash
# Safety benchmark: bursts of scan requests (default 10,000 scans over 2,000 sessions, one session in five in
# crisis) into the safety-worker's runnable jar in its own JVM, against the standalone's in-JVM Kafka broker
# (TTA_STANDALONE_SERVICES=none) in a second JVM. One warm-up burst, then RUNS measured bursts; writes
# docs/benchmarks/safety.md with the median, min and max of: scans/s (first send to last verdict committed) and
# the time from a crisis scan's record timestamp to its `opened` escalation being visible to a read_committed
# consumer. Traffic stays on 127.0.0.1 and stops by itself.
#   bench/safety/run.sh               defaults: BURST=10000 PER_SESSION=5 CRISIS_EVERY=5 RUNS=3
#   bench/safety/run.sh --no-build    use the jars built last time
set -euo pipefail
cd "$(dirname "$0")/../.."
BURST=${BURST:-10000}; PER_SESSION=${PER_SESSION:-5}; CRISIS_EVERY=${CRISIS_EVERY:-5}; RUNS=${RUNS:-3}
KAFKA=19192; ISS=19100; PG=15532; SAFETY=18182; PREFIX="bench$$."
. .mvn/select-jdk.sh; tta_select_jdk
if [ "${1-}" != "--no-build" ]; then
  # Test classes are compiled too: the load driver lives there (and, until the real classifier is merged, the
  # stand-in classifier the worker needs).
  ./mvnw -B -q -DskipTests package -pl standalone,safety-worker -am
fi
work=$(mktemp -d)
cleanup() { kill $worker $infra 2>/dev/null || true; wait $worker $infra 2>/dev/null || true; rm -rf "$work"; }
worker=""; infra=""; trap cleanup EXIT

TTA_STANDALONE_SERVICES=none TTA_STANDALONE_KAFKA_PORT=$KAFKA TTA_STANDALONE_ISSUER_PORT=$ISS \
TTA_STANDALONE_POSTGRES_PORT=$PG \
  "$JAVA_HOME/bin/java" -Xmx1g -jar standalone/target/standalone-*-exec.jar > "$work/infra.log" 2>&1 &
infra=$!
for _ in $(seq 1 120); do grep -q "embedded default: ready" "$work/infra.log" && break; sleep 1; done
grep -q "embedded default: ready" "$work/infra.log" || { tail -40 "$work/infra.log"; exit 1; }

jar=$(ls safety-worker/target/safety-worker-*-exec.jar | head -n 1)
tests="$PWD/safety-worker/target/test-classes"
"$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx1g} -Dloader.path="$tests" -Dloader.main=org.tta.safety.SafetyWorkerApplication \
  -cp "$jar" org.springframework.boot.loader.launch.PropertiesLauncher \
  --spring.main.sources=org.tta.safety.support.SafetyTestConfiguration \
  --server.port=$SAFETY --spring.kafka.bootstrap-servers=localhost:$KAFKA --tta.kafka.topic-prefix="$PREFIX" \
  --spring.kafka.streams.state-dir="$work/state" \
  --spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:$ISS \
  --spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://localhost:$ISS/jwks \
  --logging.level.org.tta.safety=WARN ${BENCH_WORKER_ARGS-} > "$work/worker.log" 2>&1 &
worker=$!
for _ in $(seq 1 180); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$SAFETY/actuator/health/readiness)" = 200 ] && break; sleep 1
done

table=$("$JAVA_HOME/bin/java" -Xmx512m -Dloader.path="$tests" -Dloader.main=org.tta.safety.bench.SafetyBench \
  -cp "$jar" org.springframework.boot.loader.launch.PropertiesLauncher \
  "localhost:$KAFKA" "$PREFIX" "$BURST" "$PER_SESSION" "$CRISIS_EVERY" "$RUNS" 2>"$work/driver.err" | grep '^|')
grep '^run ' "$work/driver.err" >&2 || true
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
{
  echo "# Safety worker benchmark"
  echo
  echo "Measured $(date -u +%Y-%m-%d) on this machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/{print $2}') GiB,"
  echo "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1). Shared with other work: treat the numbers as an order of magnitude."
  echo
  echo "Command: \`bench/safety/run.sh\` (BURST=$BURST PER_SESSION=$PER_SESSION CRISIS_EVERY=$CRISIS_EVERY RUNS=$RUNS)."
  echo
  echo "Setup: the safety-worker's runnable jar (Kafka Streams, exactly_once_v2, commit.interval.ms=100, one stream"
  echo "thread, 3 partitions, RocksDB state) in one JVM; the standalone's in-JVM one-node KRaft broker in another;"
  echo "the load driver (\`SafetyBench\`, test sources) in a third. Each burst sends $BURST scans over"
  echo "$((BURST / PER_SESSION)) new sessions as fast as an idempotent acks=all producer can ($PER_SESSION scans per"
  echo "session; the first scan of one session in $CRISIS_EVERY is a crisis). One warm-up burst, then $RUNS measured."
  echo "Latency runs from the scan record's timestamp (producer CreateTime, i.e. accepted by Kafka) to the moment"
  echo "the driver's read_committed consumer sees the \`opened\` escalation (its transaction committed)."
  echo "Until the rule engine is merged the worker runs with the test suite's stand-in phrase classifier, so the"
  echo "numbers leave out the cost of real classification."
  echo
  echo "$table"
} > docs/benchmarks/safety.md
cat docs/benchmarks/safety.md
