#!/usr/bin/env bash
# Proxy benchmark: authenticated GETs through a gateway proxy route to a local Reactor Netty backend,
# against calling the backend directly (set-up in bench/proxy/setup.sh); warms up, runs wrk at 8 and 64
# connections RUNS times each, direct and proxied, and writes docs/benchmarks/proxy.md. Loopback only. After the
# warm-up, the physical limit (Kafka's ProducerPerformance, bench/tools/kafka-perf.sh) is measured RUNS times
# against the stack's broker; the report gives requests/s as a ratio to it.
#   bench/proxy/run.sh              defaults: WARMUP=60 DURATION=20 RUNS=3 (SKIP_BUILD=1: jars already built)
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP=${WARMUP:-60}; DURATION=${DURATION:-20}; RUNS=${RUNS:-3}
. bench/proxy/setup.sh

echo "warming up for ${WARMUP}s"
wrk -t2 -c64 -d"${WARMUP}s" -s bench/proxy/get.lua "$proxy" > /dev/null
wrk -t2 -c64 -d10s -s bench/proxy/get.lua "$direct" > /dev/null
bench_limit "$RUNS"
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
# connections from the gateway to the backend after the runs (a pool keeps them; one per request would show here)
echo "gateway-to-backend connections: $(ss -tn state established "( dport = :$BE )" | tail -n +2 | wc -l) established," \
  "$(ss -tn state time-wait "( dport = :$BE )" | tail -n +2 | wc -l) in TIME-WAIT" | tee "$work/connections"
LIMITS="$limits" python3 bench/proxy/report.py "$work" "$DURATION" "$RUNS" "$WARMUP" \
  direct-8 "${results[direct-8]}" proxy-8 "${results[proxy-8]}" \
  direct-64 "${results[direct-64]}" proxy-64 "${results[proxy-64]}" > docs/benchmarks/proxy.md
cat docs/benchmarks/proxy.md
