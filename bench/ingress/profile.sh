#!/usr/bin/env bash
# Profiles the gateway under the ingress benchmark's load with JFR (`jcmd <pid> JFR.start settings=profile`): the
# stack of bench/ingress/run.sh, a warm-up at CONNS connections, then a recording of DURATION seconds at CONNS
# connections. Writes the recording, the wrk result, the gateway's CPU use and a summary (samples by thread pool,
# time by component, inclusive shares, hottest methods: bench/tools/jfr_summary.py) into OUT.
#   bench/ingress/profile.sh   defaults: WARMUP=120 DURATION=30 CONNS=64 SESSIONS=32 OUT=target/ingress-profile
#                              (SKIP_BUILD=1 reuses the jars; BENCH_GATEWAY_ARGS as for run.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP=${WARMUP:-120}; DURATION=${DURATION:-30}; CONNS=${CONNS:-64}; SESSIONS=${SESSIONS:-32}
OUT=$(realpath -m "${OUT:-target/ingress-profile}"); mkdir -p "$OUT"
. bench/tools/stack.sh
. bench/ingress/sessions.sh
bench_stack_start
ingress_sessions
echo "warming up for ${WARMUP}s"
wrk -t2 -c"$CONNS" -d"${WARMUP}s" -s bench/ingress/post.lua "http://127.0.0.1:$GW" | grep RESULT | sed 's/^/warm-up /'
"$JAVA_HOME/bin/jcmd" "$gw" JFR.start name=ingress settings=profile filename="$OUT/ingress.jfr" > /dev/null
cpu0=$(awk '{print $14+$15}' /proc/$gw/stat)
wrk -t2 -c"$CONNS" -d"${DURATION}s" -s bench/ingress/post.lua "http://127.0.0.1:$GW" | grep RESULT \
  | sed "s/^/c=$CONNS (profiled) /" | tee "$OUT/wrk.txt"
echo "gateway CPU: $(( ($(awk '{print $14+$15}' /proc/$gw/stat) - cpu0) / DURATION ))% of one core" | tee -a "$OUT/wrk.txt"
"$JAVA_HOME/bin/jcmd" "$gw" JFR.stop name=ingress > /dev/null
python3 bench/tools/jfr_summary.py "$JAVA_HOME/bin/jfr" "$OUT/ingress.jfr" > "$OUT/summary.txt"
cp "$work/gateway.log" "$OUT/gateway.log"
uptime | tee "$OUT/uptime.txt"
cat "$OUT/summary.txt"
