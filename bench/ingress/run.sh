#!/usr/bin/env bash
# Ingress benchmark: authenticated ~1 KiB message posts through the full gateway path (JWT check,
# membership, rate limit, schema validation, pre-check, atomic write of event + scan + audit).
# Starts the infrastructure (standalone with TTA_STANDALONE_SERVICES=none: in-JVM Kafka broker,
# PostgreSQL, dev issuer) in one JVM and the gateway's runnable jar in another, with its shared state
# in the local Redis; warms up, runs wrk at 64 and 256 connections RUNS times each, and writes
# docs/benchmarks/ingress.md with each figure as a ratio to Kafka's own ProducerPerformance (1 KiB,
# acks=all, idempotent) measured against the same broker in the same run. Traffic goes to 127.0.0.1 only and stops by itself.
#   bench/ingress/run.sh                 defaults: WARMUP=60 DURATION=30 RUNS=3 SESSIONS=32
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP=${WARMUP:-60}; DURATION=${DURATION:-30}; RUNS=${RUNS:-3}; SESSIONS=${SESSIONS:-32}
GW=18080; ISS=19000; KAFKA=19092
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
redis-cli -h 127.0.0.1 ping >/dev/null || { echo "Redis must run on 127.0.0.1:6379" >&2; exit 1; }
. .mvn/select-jdk.sh; tta_select_jdk
./mvnw -B -q -DskipTests -Dmaven.test.skip=true install -pl standalone -am
work=$(mktemp -d)
cleanup() { kill $gw $infra 2>/dev/null || true; wait $gw $infra 2>/dev/null || true; rm -rf "$work"; }
gw=""; infra=""; trap cleanup EXIT

TTA_STANDALONE_SERVICES=none TTA_STANDALONE_KAFKA_PORT=$KAFKA TTA_STANDALONE_ISSUER_PORT=$ISS \
TTA_STANDALONE_POSTGRES_PORT=15432 TTA_STANDALONE_GATEWAY_PORT=$GW \
  "$JAVA_HOME/bin/java" -Xmx1g -jar standalone/target/standalone-*-exec.jar > "$work/infra.log" 2>&1 &
infra=$!
for _ in $(seq 1 120); do grep -q "embedded default: ready" "$work/infra.log" && break; sleep 1; done
grep -q "embedded default: ready" "$work/infra.log" || { tail -40 "$work/infra.log"; exit 1; }

# Rate limiting stays on (every request pays its Redis bucket check), with budgets no benchmark spends.
big=1000000000
"$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx1g} -jar gateway-service/target/gateway-service-*-exec.jar \
  --server.port=$GW --spring.kafka.bootstrap-servers=localhost:$KAFKA \
  --spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:$ISS \
  --spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://localhost:$ISS/jwks \
  --spring.data.redis.url=redis://127.0.0.1:6379 --tta.redis.key-prefix="bench$$:" \
  --tta.gateway.rate-limits.ip.capacity=$big --tta.gateway.rate-limits.ip.refill=$big \
  --tta.gateway.rate-limits.classes.participant.capacity=$big --tta.gateway.rate-limits.classes.participant.refill=$big \
  --tta.gateway.rate-limits.classes.clinical.capacity=$big --tta.gateway.rate-limits.classes.clinical.refill=$big \
  ${BENCH_GATEWAY_ARGS-} > "$work/gateway.log" 2>&1 &
gw=$!
for _ in $(seq 1 120); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$GW/actuator/health/readiness)" = 200 ] && break; sleep 1
done

therapist=$(curl -sf "http://localhost:$ISS/dev/token?sub=bench-therapist&roles=therapist&ttl=PT2H")
: > "$work/tokens"
for i in $(seq 1 "$SESSIONS"); do
  user="bench-patient-$i"
  session=$(curl -sf -X POST "http://localhost:$GW/api/v1/sessions" -H "Authorization: Bearer $therapist" \
    -H 'Content-Type: application/json' \
    -d "{\"title\":\"bench $i\",\"participants\":[{\"subject\":\"$user\",\"role\":\"patient\"}]}" \
    | sed -E 's/.*"id":"([^"]+)".*/\1/')
  token=$(curl -sf "http://localhost:$ISS/dev/token?sub=$user&roles=patient&ttl=PT2H")
  echo "$session $token" >> "$work/tokens"
done
export TOKENS_FILE="$work/tokens"

echo "warming up for ${WARMUP}s"
wrk -t2 -c64 -d"${WARMUP}s" -s bench/ingress/post.lua "http://127.0.0.1:$GW" > /dev/null
# The physical limit on the same broker in the same run: Kafka's own ProducerPerformance.
limits=""
for run in $(seq 1 "$RUNS"); do
  line=$(bench/tools/kafka-perf.sh "localhost:$KAFKA" "${LIMIT_RECORDS:-300000}")
  echo "limit run=$run $line"
  limits+="$line"$'\n'
done
declare -A results
for conns in 64 256; do
  for run in $(seq 1 "$RUNS"); do
    line=$(wrk -t2 -c"$conns" -d"${DURATION}s" -s bench/ingress/post.lua "http://127.0.0.1:$GW" | grep '^RESULT')
    echo "c=$conns run=$run $line"
    results[$conns]+="$line"$'\n'
  done
done
python3 bench/ingress/report.py "$work" "$DURATION" "$RUNS" "$WARMUP" 1 \
  "${results[64]}" "${results[256]}" "$limits" > docs/benchmarks/ingress.md
cat docs/benchmarks/ingress.md
