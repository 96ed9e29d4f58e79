#!/usr/bin/env bash
# Ingress benchmark: authenticated ~1 KiB message posts through the full gateway path (JWT check,
# membership, rate limit, schema validation, pre-check, atomic write of event + scan + audit).
# Starts the standalone system itself, warms up, then runs wrk at 64 and 256 connections, RUNS times
# each, and writes docs/benchmarks/ingress.md. Traffic goes to 127.0.0.1 only and stops by itself.
#   bench/ingress/run.sh                      defaults: WARMUP=60 DURATION=30 RUNS=3 SESSIONS=32 REDIS=1
#   REDIS=0 bench/ingress/run.sh              shared state in memory instead of the local Redis
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP=${WARMUP:-60}; DURATION=${DURATION:-30}; RUNS=${RUNS:-3}; SESSIONS=${SESSIONS:-32}
GW=18080; ISS=19000
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
. .mvn/select-jdk.sh; tta_select_jdk
./mvnw -B -q -DskipTests -Dmaven.test.skip=true install -pl standalone -am
work=$(mktemp -d); trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT
export TTA_STANDALONE_GATEWAY_PORT=$GW TTA_STANDALONE_ROUTER_PORT=18081 TTA_STANDALONE_SAFETY_PORT=18082 \
       TTA_STANDALONE_AUDIT_PORT=18083 TTA_STANDALONE_KAFKA_PORT=19092 TTA_STANDALONE_ISSUER_PORT=$ISS \
       TTA_STANDALONE_POSTGRES_PORT=15432
REDIS=${REDIS:-1}
[ "$REDIS" = 1 ] && export TTA_STANDALONE_REDIS_URL=redis://127.0.0.1:6379
# Rate limiting stays on (every request still pays its bucket check), with budgets no benchmark spends.
big=1000000000
for bucket in IP CLASSES_PARTICIPANT CLASSES_CLINICAL; do
  export "TTA_GATEWAY_RATELIMITS_${bucket}_CAPACITY=$big" "TTA_GATEWAY_RATELIMITS_${bucket}_REFILL=$big"
done
"$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx2g} -jar standalone/target/standalone-*-exec.jar > "$work/standalone.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do grep -q "embedded default: ready" "$work/standalone.log" && break; sleep 1; done
grep -q "embedded default: ready" "$work/standalone.log" || { tail -50 "$work/standalone.log"; exit 1; }

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
declare -A results
for conns in 64 256; do
  for run in $(seq 1 "$RUNS"); do
    line=$(wrk -t2 -c"$conns" -d"${DURATION}s" -s bench/ingress/post.lua "http://127.0.0.1:$GW" | grep '^RESULT')
    echo "c=$conns run=$run $line"
    results[$conns]+="$line"$'\n'
  done
done
python3 bench/ingress/report.py "$work" "$DURATION" "$RUNS" "$WARMUP" "$REDIS" \
  "${results[64]}" "${results[256]}" > docs/benchmarks/ingress.md
cat docs/benchmarks/ingress.md
