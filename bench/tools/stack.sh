# Sourced by the gateway benchmarks (bench/ingress, bench/batch): builds the runnable jars, starts the
# infrastructure (the standalone with TTA_STANDALONE_SERVICES=none: in-JVM Kafka broker, PostgreSQL, dev
# issuer) in one JVM and the gateway's runnable jar in another, with its shared state in the local Redis,
# and measures the physical limit (Kafka's own ProducerPerformance) against the same broker.
# Everything listens on 127.0.0.1 and is stopped on exit. Sets: work GW ISS KAFKA.
GW=18080; ISS=19000; KAFKA=19092
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
redis-cli -h 127.0.0.1 ping >/dev/null || { echo "Redis must run on 127.0.0.1:6379" >&2; exit 1; }
. .mvn/select-jdk.sh; tta_select_jdk
. bench/tools/doc.sh

bench_stack_start() {
  [ -n "${SKIP_BUILD-}" ] || ./mvnw -B -q -DskipTests -Dmaven.test.skip=true install -pl standalone -am
  work=$(mktemp -d)
  gw=""; infra=""; trap bench_stack_stop EXIT
  TTA_STANDALONE_SERVICES=none TTA_STANDALONE_KAFKA_PORT=$KAFKA TTA_STANDALONE_ISSUER_PORT=$ISS \
  TTA_STANDALONE_POSTGRES_PORT=15432 TTA_STANDALONE_GATEWAY_PORT=$GW \
    "$JAVA_HOME/bin/java" -Xmx1g -jar standalone/target/standalone-*-exec.jar > "$work/infra.log" 2>&1 &
  infra=$!
  for _ in $(seq 1 120); do grep -q "embedded default: ready" "$work/infra.log" && break; sleep 1; done
  grep -q "embedded default: ready" "$work/infra.log" || { tail -40 "$work/infra.log"; exit 1; }
  # Rate limiting stays on (every request pays its Redis bucket check), with budgets no benchmark spends.
  local big=1000000000
  "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx1g} -jar gateway-service/target/gateway-service-*-exec.jar \
    --server.port=$GW --spring.kafka.bootstrap-servers=localhost:$KAFKA \
    --spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:$ISS \
    --spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://localhost:$ISS/jwks \
    --spring.data.redis.url=redis://127.0.0.1:6379 --tta.redis.key-prefix="bench$$:" \
    --tta.gateway.rate-limits.ip.capacity=$big --tta.gateway.rate-limits.ip.refill=$big \
    --tta.gateway.rate-limits.classes.participant.capacity=$big --tta.gateway.rate-limits.classes.participant.refill=$big \
    --tta.gateway.rate-limits.classes.clinical.capacity=$big --tta.gateway.rate-limits.classes.clinical.refill=$big \
    --tta.gateway.rate-limits.classes.service.capacity=$big --tta.gateway.rate-limits.classes.service.refill=$big \
    ${BENCH_GATEWAY_ARGS-} > "$work/gateway.log" 2>&1 &
  gw=$!
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$GW/actuator/health/readiness)" = 200 ] && break; sleep 1
  done
}

bench_stack_stop() {
  kill $gw $infra 2>/dev/null || true; wait $gw $infra 2>/dev/null || true; rm -rf "$work"
}

# bench_limit RUNS: runs ProducerPerformance RUNS times against the stack's broker; sets limits (one LIMIT line each).
bench_limit() {
  limits=""
  for run in $(seq 1 "$1"); do
    local line; line=$(bench/tools/kafka-perf.sh "localhost:$KAFKA" "${LIMIT_RECORDS:-300000}")
    echo "limit run=$run $line"
    limits+="$line"$'\n'
  done
}
