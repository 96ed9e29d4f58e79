# Sourced by bench/proxy/run.sh and bench/proxy/profile.sh: builds (unless SKIP_BUILD is set), starts the
# dev issuer and Kafka (standalone with TTA_STANDALONE_SERVICES=none) in one JVM, the backend in a second and
# the gateway's runnable jar in a third, with shared state in the local Redis, and checks the proxy route.
# Defines GW, BE, work, gw (the gateway's pid), TOKEN, proxy and direct; stops everything on exit.
set -euo pipefail
GW=18180; ISS=19100; KAFKA=19192; BE=18190
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
redis-cli -h 127.0.0.1 ping >/dev/null || { echo "Redis must run on 127.0.0.1:6379" >&2; exit 1; }
. .mvn/select-jdk.sh; tta_select_jdk
work=$(mktemp -d)
# package (never install): the gateway and standalone jars land in their target/ folders
[ -n "${SKIP_BUILD-}" ] || ./mvnw -B -q -o -DskipTests -Dmaven.test.skip=true package -am -pl gateway-service,standalone
./mvnw -B -q -f bench/proxy/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null
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
grep -q "backend ready" "$work/backend.log" || { tail -40 "$work/backend.log"; exit 1; }

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
