#!/usr/bin/env bash
# Ingress benchmark: authenticated ~1 KiB message posts through the full gateway path (JWT check,
# membership, rate limit, schema validation, pre-check, atomic write of event + scan + audit).
# Starts the infrastructure (standalone with TTA_STANDALONE_SERVICES=none: in-JVM Kafka broker,
# PostgreSQL, dev issuer) in one JVM and the gateway's runnable jar in another, with its shared state
# in the local Redis; warms up, runs wrk at 64 and 256 connections RUNS times each, and writes
# docs/benchmarks/ingress.md with each figure as a ratio to Kafka's own ProducerPerformance (1 KiB,
# acks=all, idempotent) measured against the same broker in the same run. Traffic goes to 127.0.0.1 only and stops by itself.
# Then the latency at a fixed rate of RATE requests/s (bench/ingress/FixedRate.java, open loop); RATE may list several
# rates ("1000 5000"): one below capacity for the latency a sustainable load sees, one beyond it.
#   bench/ingress/run.sh      defaults: WARMUP=60 DURATION=30 RUNS=3 SESSIONS=32 RATE=5000 (SKIP_BUILD=1 reuses the jars)
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP=${WARMUP:-60}; DURATION=${DURATION:-30}; RUNS=${RUNS:-3}; SESSIONS=${SESSIONS:-32}; RATE=${RATE:-5000}
. bench/tools/stack.sh
. bench/ingress/sessions.sh
bench_stack_start
ingress_sessions

echo "warming up for ${WARMUP}s"
wrk -t2 -c64 -d"${WARMUP}s" -s bench/ingress/post.lua "http://127.0.0.1:$GW" > /dev/null
# The physical limit on the same broker in the same run: Kafka's own ProducerPerformance.
bench_limit "$RUNS"
bench_wrk_rows bench/ingress/post.lua 64 256
# Latency at a fixed rate (open loop, measured from each request's due time), after a warm-up at that rate.
fixed=""
for rate in $RATE; do
  for run in $(seq 1 "$RUNS"); do
    line=$("$JAVA_HOME/bin/java" -Xmx512m bench/ingress/FixedRate.java "http://127.0.0.1:$GW" "$rate" "$DURATION" 10 \
      "$TOKENS_FILE" | grep '^RESULT')
    echo "fixed rate=$rate run=$run $line"
    fixed+="$line"$'\n'
  done
done
python3 bench/ingress/report.py "$work" "$DURATION" "$RUNS" "$WARMUP" 1 \
  "${rows[64]}" "${rows[256]}" "$limits" "$fixed" > "$work/report.md"
bench_write_doc docs/benchmarks/ingress.md "$work/report.md"
cat docs/benchmarks/ingress.md
