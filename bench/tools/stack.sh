# Sourced by the gateway benchmarks (bench/ingress, bench/batch, bench/proxy): builds the runnable jars, starts the
# infrastructure (the standalone with TTA_STANDALONE_SERVICES=none: in-JVM Kafka broker, PostgreSQL, dev issuer)
# in one JVM and the gateway's runnable jar in another, with its shared state in the local Redis, and measures the
# physical limit (Kafka's own ProducerPerformance) against the same broker. Everything listens on 127.0.0.1 and
# is stopped on exit (with the pids a caller adds to bench_pids). Ports: set GW, ISS, KAFKA, PG before sourcing.
GW=${GW:-18080}; ISS=${ISS:-19000}; KAFKA=${KAFKA:-19092}; PG=${PG:-15432}
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
redis-cli -h 127.0.0.1 ping >/dev/null || { echo "Redis must run on 127.0.0.1:6379" >&2; exit 1; }
. .mvn/select-jdk.sh; tta_select_jdk
. bench/tools/doc.sh
. bench/tools/limit.sh
work=$(mktemp -d); bench_pids=""
bench_stack_stop() {
  # shellcheck disable=SC2086
  kill $bench_pids 2>/dev/null || true; wait $bench_pids 2>/dev/null || true; rm -rf "$work"
}
trap bench_stack_stop EXIT

# package (never install): the gateway and standalone jars land in their target/ folders
bench_build() {
  [ -n "${SKIP_BUILD-}" ] || ./mvnw -B -q -DskipTests -Dmaven.test.skip=true package -am -pl gateway-service,standalone
}

bench_infra_start() {
  TTA_STANDALONE_SERVICES=none TTA_STANDALONE_KAFKA_PORT=$KAFKA TTA_STANDALONE_ISSUER_PORT=$ISS \
  TTA_STANDALONE_POSTGRES_PORT=$PG TTA_STANDALONE_GATEWAY_PORT=$GW \
    "$JAVA_HOME/bin/java" -Xmx1g -jar standalone/target/standalone-*-exec.jar > "$work/infra.log" 2>&1 &
  bench_pids+=" $!"
  for _ in $(seq 1 120); do grep -q "embedded default: ready" "$work/infra.log" && break; sleep 1; done
  grep -q "embedded default: ready" "$work/infra.log" || { tail -40 "$work/infra.log"; exit 1; }
}

# bench_gateway_start [extra gateway arguments...]: the gateway jar against the stack, ready when it returns
# (BENCH_GATEWAY_JAR runs another build of it, e.g. an earlier commit's for a before/after comparison).
bench_gateway_start() {
  # Rate limiting stays on (every request pays its Redis bucket check), with budgets no benchmark spends.
  local big=1000000000 class limits=()
  for class in participant clinical service; do
    limits+=("--tta.gateway.rate-limits.classes.$class.capacity=$big" "--tta.gateway.rate-limits.classes.$class.refill=$big")
  done
  "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx1g} -jar ${BENCH_GATEWAY_JAR:-gateway-service/target/gateway-service-*-exec.jar} \
    --server.port=$GW --spring.kafka.bootstrap-servers=localhost:$KAFKA \
    --spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:$ISS \
    --spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://localhost:$ISS/jwks \
    --spring.data.redis.url=redis://127.0.0.1:6379 --tta.redis.key-prefix="bench$$:" \
    --tta.gateway.rate-limits.ip.capacity=$big --tta.gateway.rate-limits.ip.refill=$big "${limits[@]}" \
    "$@" ${BENCH_GATEWAY_ARGS-} > "$work/gateway.log" 2>&1 &
  gw=$!; bench_pids+=" $gw"
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$GW/actuator/health/readiness)" = 200 ] && return; sleep 1
  done
  tail -40 "$work/gateway.log"; exit 1
}

bench_stack_start() { bench_build; bench_infra_start; bench_gateway_start "$@"; }

# bench_wrk_rows SCRIPT CONNS...: RUNS closed-loop wrk runs of DURATION s per connection count; sets rows[conns].
declare -A rows
bench_wrk_rows() {
  local script=$1 conns run line; shift
  for conns in "$@"; do
    for run in $(seq 1 "$RUNS"); do
      line=$(wrk -t2 -c"$conns" -d"${DURATION}s" -s "$script" "http://127.0.0.1:$GW" | grep '^RESULT')
      echo "c=$conns run=$run $line"
      rows[$conns]+="$line"$'\n'
    done
  done
}
