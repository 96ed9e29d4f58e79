#!/usr/bin/env bash
# Profiles the gateway under the proxy benchmark's load with async-profiler (from Maven Central, see
# bench/proxy/pom.xml): a wall-clock profile at 8 connections and a CPU profile at 64, each for DURATION
# seconds after a warm-up, plus the connection counts between the gateway and the backend. Writes
# collapsed stacks and flat summaries into OUT (default target/proxy-profile). Set-up in setup.sh.
#   bench/proxy/profile.sh          defaults: WARMUP=20 DURATION=10 OUT=target/proxy-profile
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP=${WARMUP:-20}; DURATION=${DURATION:-10}; OUT=$(realpath -m "${OUT:-target/proxy-profile}")
mkdir -p "$OUT"
BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:--Xmx1g} -XX:+EnableDynamicAgentLoading -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
. bench/proxy/setup.sh
jar=$(tr ':' '\n' < "$work/cp" | grep async-profiler)
(cd "$work" && unzip -q -o "$jar" 'linux-x64/*')
lib="$work/linux-x64/libasyncProfiler.so"
agent() { "$JAVA_HOME/bin/jcmd" "$gw" JVMTI.agent_load "$lib" "\"$1\"" | grep -v "^[0-9]*:$"; }
connections() {
  echo "$1: $(ss -tn state established "( dport = :$BE )" | tail -n +2 | wc -l) established to the backend," \
    "$(ss -tn state time-wait "( dport = :$BE )" | tail -n +2 | wc -l) in TIME-WAIT" | tee -a "$OUT/connections.txt"
}
: > "$OUT/connections.txt"
echo "warming up for ${WARMUP}s"
wrk -t2 -c8 -d"${WARMUP}s" -s bench/proxy/get.lua "$proxy" | tee "$OUT/warmup.txt" | grep RESULT
connections "after warm-up"
for conns in 1 8; do
  wrk -t1 -c$conns -d5s -s bench/proxy/get.lua "$direct" | grep RESULT | sed "s/^/c=$conns direct /" | tee -a "$OUT/wrk.txt"
done
for spec in "wall 8" "cpu 64"; do
  set -- $spec
  event=$1; [ "$event" = cpu ] && event=itimer
  agent "start,event=$event,interval=1ms,threads"
  cpu0=$(awk '{print $14+$15}' /proc/$gw/stat)
  (sleep $((DURATION / 2)); connections "during the $1 profile, c=$2") &
  wrk -t2 -c"$2" -d"${DURATION}s" -s bench/proxy/get.lua "$proxy" | grep RESULT | sed "s/^/c=$2 proxy ($1 profile) /" | tee -a "$OUT/wrk.txt"
  wait $!
  echo "c=$2: gateway CPU $(( ($(awk '{print $14+$15}' /proc/$gw/stat) - cpu0) / DURATION ))% of one core" | tee -a "$OUT/wrk.txt"
  agent "stop,file=$OUT/$1.collapsed,collapsed"
done
wrk -t1 -c1 -d5s -s bench/proxy/get.lua "$proxy" | grep RESULT | sed "s/^/c=1 proxy /" | tee -a "$OUT/wrk.txt"
cp "$work/gateway.log" "$OUT/gateway.log"
uptime | tee "$OUT/uptime.txt"
