#!/usr/bin/env bash
# Proxy benchmark: authenticated GETs through a gateway proxy route to a local Reactor Netty backend,
# against calling the backend directly. Starts the dev issuer and Kafka (standalone with
# TTA_STANDALONE_SERVICES=none) in one JVM, the backend in a second and the gateway's runnable jar in a
# third, with shared state in the local Redis; warms up, runs wrk at 8 and 64 connections RUNS times
# each, direct and proxied, and writes docs/benchmarks/proxy.md. Traffic goes to 127.0.0.1 only.
#   bench/proxy/run.sh              defaults: WARMUP=60 DURATION=20 RUNS=3
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP=${WARMUP:-60}; DURATION=${DURATION:-20}; RUNS=${RUNS:-3}
GW=18180; ISS=19100; KAFKA=19192; BE=18190
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
redis-cli -h 127.0.0.1 ping >/dev/null || { echo "Redis must run on 127.0.0.1:6379" >&2; exit 1; }
. .mvn/select-jdk.sh; tta_select_jdk
# package (never install): the gateway and standalone jars land in their target/ folders
./mvnw -B -q -o -DskipTests -Dmaven.test.skip=true package -pl gateway-service,standalone
work=$(mktemp -d)
./mvnw -B -q -o dependency:build-classpath -pl gateway-service -Dmdep.outputFile="$work/cp" >/dev/null
cleanup() { kill $gw $infra $be 2>/dev/null || true; wait $gw $infra $be 2>/dev/null || true; rm -rf "$work"; }
gw=""; infra=""; be=""; trap cleanup EXIT

TTA_STANDALONE_SERVICES=none TTA_STANDALONE_KAFKA_PORT=$KAFKA TTA_STANDALONE_ISSUER_PORT=$ISS \
TTA_STANDALONE_POSTGRES_PORT=15532 TTA_STANDALONE_GATEWAY_PORT=$GW \
  "$JAVA_HOME/bin/java" -Xmx1g -jar standalone/target/standalone-*-exec.jar > "$work/infra.log" 2>&1 &
infra=$!
"$JAVA_HOME/bin/java" -Xmx256m -cp "$(cat "$work/cp")" bench/proxy/Backend.java $BE > "$work/backend.log" 2>&1 &
be=$!
for _ in $(seq 1 120); do grep -q "embedded default: ready" "$work/infra.log" && grep -q "backend ready" "$work/backend.log" && break; sleep 1; done
grep -q "embedded default: ready" "$work/infra.log" || { tail -40 "$work/infra.log"; exit 1; }

big=1000000000
"$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx1g} -jar gateway-service/target/gateway-service-*-exec.jar \
  --server.port=$GW --spring.kafka.bootstrap-servers=localhost:$KAFKA \
  --spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:$ISS \
  --spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://localhost:$ISS/jwks \
  --spring.data.redis.url=redis://127.0.0.1:6379 --tta.redis.key-prefix="bench$$:" \
  --tta.gateway.rate-limits.ip.capacity=$big --tta.gateway.rate-limits.ip.refill=$big \
  --tta.gateway.rate-limits.classes.participant.capacity=$big --tta.gateway.rate-limits.classes.participant.refill=$big \
  --tta.gateway.rate-limits.classes.clinical.capacity=$big --tta.gateway.rate-limits.classes.clinical.refill=$big \
  "--tta.gateway.proxy.routes.bench.paths[0]=/api/v1/players" \
  "--tta.gateway.proxy.routes.bench.instances[0]=http://127.0.0.1:$BE" \
  ${BENCH_GATEWAY_ARGS-} > "$work/gateway.log" 2>&1 &
gw=$!
for _ in $(seq 1 120); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$GW/actuator/health/liveness)" = 200 ] && break; sleep 1
done
export TOKEN=$(curl -sf "http://localhost:$ISS/dev/token?sub=bench-patient&roles=patient&ttl=PT2H")
proxy="http://127.0.0.1:$GW/api/v1/players/p-1"; direct="http://127.0.0.1:$BE/api/v1/players/p-1"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$proxy")" = 200 ] || { echo "proxy route does not answer 200" >&2; tail -40 "$work/gateway.log"; exit 1; }

echo "warming up for ${WARMUP}s"
wrk -t2 -c64 -d"${WARMUP}s" -s bench/proxy/get.lua "$proxy" > /dev/null
wrk -t2 -c64 -d10s -s bench/proxy/get.lua "$direct" > /dev/null
declare -A results
for conns in 8 64; do
  for run in $(seq 1 "$RUNS"); do
    for path in direct proxy; do
      url=$direct; [ $path = proxy ] && url=$proxy
      line=$(wrk -t2 -c"$conns" -d"${DURATION}s" -s bench/proxy/get.lua "$url" | grep '^RESULT')
      echo "c=$conns $path run=$run $line"
      results[$path-$conns]+="$line"$'\n'
    done
  done
done
python3 bench/proxy/report.py "$work" "$DURATION" "$RUNS" "$WARMUP" \
  direct-8 "${results[direct-8]}" proxy-8 "${results[proxy-8]}" \
  direct-64 "${results[direct-64]}" proxy-64 "${results[proxy-64]}" > docs/benchmarks/proxy.md
cat docs/benchmarks/proxy.md
