#!/usr/bin/env bash
# Real-time benchmark. Starts the infrastructure and the event-router in one JVM (standalone with
# TTA_STANDALONE_SERVICES=event-router: in-JVM Kafka, dev issuer, the router whose participants route copies
# session events to tta.deliveries.v1) and the gateway jar (-Xmx1g, shared state in the local Redis) in another,
# then runs bench/realtime/RealtimeLoad.java:
#   1. IDLE idle WebSocket connections held at once: gateway heap after a full GC (jcmd) and RSS;
#   2. POST-to-socket latency on every participant's socket over SESSIONS sessions x 3 sockets, for each rate of
#      RATES in turn (one gateway, one set of sockets): WARMUP s, then DURATION s measured. The POSTs come from
#      CONNS keep-alive connections at a fixed arrival rate (open model: latency from the scheduled send time);
#      failed POSTs are printed by cause; with HOPS=1 two read_committed probes time each Kafka hop; the CPU share
#      of the infrastructure JVM, the gateway, Redis and the load client over each measured window is printed.
# The gateway runs with its rate limits off (tta.gateway.rate-limits.enabled=false): the load client is one IP
# address posting RATE/s, which the IP budget and flood block would refuse. Writes the result lines to $OUT
# (default /tmp/realtime-bench.txt); docs/benchmarks/realtime.md quotes them.
#   bench/realtime/run.sh            defaults: IDLE=10000 SESSIONS=1000 RATES=100,250,500,1000 DURATION=20 WARMUP=10
#                                    FIRST_WARMUP=60 (the first rate warms the JVMs up longer: JIT compilation)
#   IDLE=0 bench/realtime/run.sh     the latency phase only
#   RATES=0 bench/realtime/run.sh    the idle phase only
#   GATEWAY_ARGS="--a=b ..."         extra gateway arguments (e.g. to compare a setting)
#   INFRA_OPTS="-Da=b ..."           extra JVM options of the infrastructure + router JVM (system properties reach the
#                                    router's Spring context, e.g. -Dtta.router.poll-timeout=...)
#   GATEWAY_JAR=... INFRA_JAR=...    other builds (e.g. a before/after comparison); implies SKIP_BUILD
set -euo pipefail
cd "$(dirname "$0")/../.."
IDLE=${IDLE:-10000}; SESSIONS=${SESSIONS:-1000}; RATES=${RATES:-100,250,500,1000}; DURATION=${DURATION:-20}; WARMUP=${WARMUP:-10}
export CONNS=${CONNS:-128} HOPS=${HOPS:-1} FIRST_WARMUP=${FIRST_WARMUP:-60}
OUT=${OUT:-/tmp/realtime-bench.txt}
GW=18081; ISS=19001; KAFKA=19093
redis-cli -h 127.0.0.1 ping >/dev/null || { echo "Redis must run on 127.0.0.1:6379" >&2; exit 1; }
. .mvn/select-jdk.sh; tta_select_jdk
[ -n "${SKIP_BUILD-}${GATEWAY_JAR-}${INFRA_JAR-}" ] || ./mvnw -B -q -o -DskipTests -Dmaven.test.skip=true package -pl gateway-service,standalone
GATEWAY_JAR=${GATEWAY_JAR:-$(ls gateway-service/target/gateway-service-*-exec.jar)}
INFRA_JAR=${INFRA_JAR:-$(ls standalone/target/standalone-*-exec.jar)}
work=${WORK:-$(mktemp -d)}; mkdir -p "$work"; echo "logs in $work"
cleanup() { kill $load $gw $infra 2>/dev/null || true; wait $gw $infra 2>/dev/null || true; }
gw=""; infra=""; load=""; trap cleanup EXIT

TTA_STANDALONE_SERVICES=event-router TTA_STANDALONE_KAFKA_PORT=$KAFKA TTA_STANDALONE_ISSUER_PORT=$ISS \
TTA_STANDALONE_POSTGRES_PORT=15433 TTA_STANDALONE_GATEWAY_PORT=$GW TTA_STANDALONE_ROUTER_PORT=18082 \
  "$JAVA_HOME/bin/java" -Xmx1g ${INFRA_OPTS-} -jar "$INFRA_JAR" > "$work/infra.log" 2>&1 &
infra=$!
for _ in $(seq 1 180); do grep -q "embedded default: ready" "$work/infra.log" && break; sleep 1; done
grep -q "embedded default: ready" "$work/infra.log" || { tail -40 "$work/infra.log"; exit 1; }

start_gateway() { # $1: the phase, naming its log
  "$JAVA_HOME/bin/java" -Xmx1g -jar "$GATEWAY_JAR" \
    --server.port=$GW --spring.kafka.bootstrap-servers=localhost:$KAFKA \
    --spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:$ISS \
    --spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://localhost:$ISS/jwks \
    --spring.data.redis.url=redis://127.0.0.1:6379 --tta.redis.key-prefix="rtbench$$:" \
    --tta.gateway.realtime.max-connections-per-user=100 --tta.gateway.rate-limits.enabled=false ${GATEWAY_ARGS-} \
    > "$work/gateway-$1.log" 2>&1 &
  gw=$!
  for _ in $(seq 1 180); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$GW/actuator/health/readiness)" = 200 ] && return; sleep 1
  done
  tail -40 "$work/gateway-$1.log"; exit 1
}
cp=$(ls ~/.m2/repository/org/apache/kafka/kafka-clients/4.2.1/kafka-clients-4.2.1.jar):$(ls ~/.m2/repository/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar)
export GATEWAY=http://127.0.0.1:$GW ISSUER=http://localhost:$ISS KAFKA_SERVERS=localhost:$KAFKA SESSIONS
ulimit -n 65536 2>/dev/null || true
: > "$OUT"

if [ "$IDLE" -gt 0 ]; then
echo "== idle connections: $IDLE" | tee -a "$OUT"
start_gateway idle
mkfifo "$work/stdin"
"$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" bench/realtime/RealtimeLoad.java idle "$IDLE" < "$work/stdin" > "$work/idle.log" 2>&1 &
load=$!
exec 3>"$work/stdin"
for _ in $(seq 1 900); do grep -q "idle connections open" "$work/idle.log" && break; sleep 1; done
grep "idle connections open" "$work/idle.log" | tee -a "$OUT" || { tail -20 "$work/idle.log"; exit 1; }
curl -s http://127.0.0.1:$GW/actuator/prometheus | grep '^tta_gateway_realtime_connections' | tee -a "$OUT"
"$JAVA_HOME/bin/jcmd" $gw GC.run > /dev/null
"$JAVA_HOME/bin/jcmd" $gw GC.heap_info | tee -a "$OUT"
grep -E 'VmRSS' /proc/$gw/status | tee -a "$OUT"
echo stop >&3; exec 3>&-; wait $load || true
kill $gw; wait $gw 2>/dev/null || true
# a graceful stop right after the clients left: their presence leaves and slots must reach Redis first
echo "shutdown: $(grep -c -E 'Could not (record leaving|give back)' "$work/gateway-idle.log" || true) failed Redis give-backs," \
  "$(redis-cli -h 127.0.0.1 --scan --pattern "rtbench$$:*presence*" | wc -l) presence keys and" \
  "$(redis-cli -h 127.0.0.1 --scan --pattern "rtbench$$:*rt-slots*" | wc -l) slot keys left in Redis" | tee -a "$OUT"
fi

[ "$RATES" != 0 ] || exit 0
echo "== latency: $(basename "$GATEWAY_JAR") RATES=$RATES msg/s over $SESSIONS sessions x 3 sockets, ${DURATION}s after ${WARMUP}s warm-up each," \
  "CONNS=$CONNS HOPS=$HOPS FIRST_WARMUP=$FIRST_WARMUP ${GATEWAY_ARGS-}" | tee -a "$OUT"
start_gateway latency
redis_pid=$(redis-cli -h 127.0.0.1 info server | tr -d '\r' | sed -n 's/^process_id://p')
PIDS="infra+router:$infra gateway:$gw redis:${redis_pid:-0}" \
"$JAVA_HOME/bin/java" -Xmx1g -cp "$cp" bench/realtime/RealtimeLoad.java latency "$RATES" "$DURATION" "$WARMUP" 2>&1 \
  | tee "$work/latency.log" | grep -E "rate=|sockets open|sessions ready" | tee -a "$OUT"
uptime | tee -a "$OUT"
