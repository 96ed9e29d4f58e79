#!/usr/bin/env bash
# Safety benchmark: scan requests with the evaluation set's texts into the safety-worker's runnable jar (real
# rules) in its own JVM, against the standalone's in-JVM Kafka broker (TTA_STANDALONE_SERVICES=none) in a second
# JVM. Phase 1, steady: RATE scans/s for DURATION seconds per run (one in CRISIS_EVERY a crisis): sustained scans/s and
# p50/p99/max from a crisis scan's record timestamp to its `opened` escalation being visible to a read_committed
# consumer. Phase 2, burst: BURST scans (PER_SESSION per session) as fast as possible: the drain time. Each phase
# has a warm-up run, then RUNS measured. Before the worker starts, the physical limit (Kafka's ProducerPerformance,
# bench/tools/kafka-perf.sh) is measured RUNS times against the same broker. Writes docs/benchmarks/safety.md
# (median, min, max; the burst's scans/s as a ratio to the limit) with the load average, keeping its "## Reading it".
# Traffic stays on 127.0.0.1 and stops by itself. Run it through /work/tools/quiet on a shared machine.
#   bench/safety/run.sh               defaults: RATE=300 DURATION=20 BURST=10000 PER_SESSION=5 CRISIS_EVERY=5 RUNS=3
#   bench/safety/run.sh --no-build    use the jars built last time
set -euo pipefail
cd "$(dirname "$0")/../.."
BURST=${BURST:-10000}; PER_SESSION=${PER_SESSION:-5}; CRISIS_EVERY=${CRISIS_EVERY:-5}; RUNS=${RUNS:-3}
RATE=${RATE:-300}; SECONDS_PER_RUN=${DURATION:-20}   # not $SECONDS: bash counts its own run time in it
KAFKA=19192; ISS=19100; PG=15532; SAFETY=18182; PREFIX="bench$$."
. .mvn/select-jdk.sh; tta_select_jdk
. bench/tools/doc.sh
. bench/tools/limit.sh
if [ "${1-}" != "--no-build" ]; then
  # Test classes are compiled too: the load driver and the evaluation set live there; the worker adds the test
  # configuration (its clock) and classifies with the shipped rules.
  ./mvnw -B -q -DskipTests package -pl standalone,safety-worker -am
fi
bench/tools/kafka-perf.sh --classpath >/dev/null
work=$(mktemp -d)
cleanup() { kill $worker $infra 2>/dev/null || true; wait $worker $infra 2>/dev/null || true; rm -rf "$work"; }
worker=""; infra=""; trap cleanup EXIT
load_before=$(uptime | sed 's/.*load average: //')

TTA_STANDALONE_SERVICES=none TTA_STANDALONE_KAFKA_PORT=$KAFKA TTA_STANDALONE_ISSUER_PORT=$ISS \
TTA_STANDALONE_POSTGRES_PORT=$PG \
  "$JAVA_HOME/bin/java" -Xmx1g -jar standalone/target/standalone-*-exec.jar > "$work/infra.log" 2>&1 &
infra=$!
for _ in $(seq 1 120); do grep -q "embedded default: ready" "$work/infra.log" && break; sleep 1; done
grep -q "embedded default: ready" "$work/infra.log" || { tail -40 "$work/infra.log"; exit 1; }
# The physical limit against this broker, before the worker runs (so nothing else uses it meanwhile).
bench_limit "$RUNS" "localhost:$KAFKA" >&2

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
  "localhost:$KAFKA" "$PREFIX" "$BURST" "$PER_SESSION" "$CRISIS_EVERY" "$RUNS" "$RATE" "$SECONDS_PER_RUN" \
  2>"$work/driver.err" | grep -E '^(\|.*)?$' | cat -s || true)
load_after=$(uptime | sed 's/.*load average: //')
runs_text=$(grep -E '^(steady|burst) run ' "$work/driver.err" || true)
echo "$runs_text" >&2
[ -n "$table" ] || { tail -40 "$work/driver.err" >&2; exit 1; }
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
{
  echo "# Safety worker benchmark"
  echo
  echo "Measured $(date -u "+%Y-%m-%d %H:%M") UTC on this machine: $(nproc) cores ($cpu), $(free -g | awk '/Mem:/{print $2}') GiB,"
  echo "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1). Load average (1, 5, 15 min) before: $load_before;"
  echo "after: $load_after."
  echo
  echo "Command: \`${BENCH_LAUNCHER:+$BENCH_LAUNCHER }bench/safety/run.sh${BENCH_FLAGS:+ $BENCH_FLAGS}\` (RATE=$RATE DURATION=$SECONDS_PER_RUN"
  echo "BURST=$BURST PER_SESSION=$PER_SESSION CRISIS_EVERY=$CRISIS_EVERY RUNS=$RUNS)."
  echo
  echo "Setup: the safety-worker's runnable jar (Kafka Streams, exactly_once_v2, commit.interval.ms=100, one stream"
  echo "thread, 3 partitions, RocksDB state, the shipped rules, no external model) in one JVM; the standalone's"
  echo "in-JVM one-node KRaft broker in another; the load driver (\`SafetyBench\`, test sources) in a third."
  echo "Texts come from the evaluation set: safe scans are its messages the rules leave at none, crises its high"
  echo "and imminent messages the rules escalate (one scan in $CRISIS_EVERY), so the real rules do real work."
  echo
  echo "- Steady: $RATE scans/s offered for $SECONDS_PER_RUN s per run, paced in the driver; safe scans over 1,000"
  echo "  sessions, each crisis in a new session (so each opens an escalation). Latency runs from the scan record's"
  echo "  timestamp (producer CreateTime, i.e. accepted by Kafka) to the moment the driver's read_committed consumer"
  echo "  sees the \`opened\` escalation (its transaction committed). One warm-up run, then $RUNS measured."
  echo "- Burst: $BURST scans over $((BURST / PER_SESSION)) new sessions as fast as an idempotent acks=all producer"
  echo "  can ($PER_SESSION per session; the first scan of one session in $CRISIS_EVERY is a crisis): the time until the"
  echo "  last verdict is committed. One warm-up burst, then $RUNS measured."
  echo "- Limit: before the worker starts, Kafka's ProducerPerformance runs $RUNS times against the same broker"
  echo "  (\`bench/tools/kafka-perf.sh\`, its producer in a JVM of its own)."
  echo
  echo "$table"
  echo
  python3 bench/safety/report.py "$runs_text" "$limits" "$RATE"
  echo
  echo "Per run (from the driver):"
  echo
  echo "$runs_text" | sed 's/^/    /'
} > "$work/generated.md"
bench_write_doc docs/benchmarks/safety.md "$work/generated.md"
cat docs/benchmarks/safety.md
