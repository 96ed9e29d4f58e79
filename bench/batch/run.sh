#!/usr/bin/env bash
# CloudEvents batch ingest benchmark: a backend service posts batches of 100 structured events of about 1 KiB
# (application/cloudevents-batch+json) to POST /api/v1/events; each batch is validated and written with its
# audit records as one atomic publish. Same stack as bench/ingress (bench/tools/stack.sh). Runs wrk at 4 and 16
# connections RUNS times each and writes docs/benchmarks/batch.md with events/s as a ratio to Kafka's own
# ProducerPerformance measured against the same broker in the same run. Traffic to 127.0.0.1 only; stops by itself.
#   bench/batch/run.sh        defaults: WARMUP=60 DURATION=30 RUNS=3 SESSIONS=32 (SKIP_BUILD=1 reuses the jars)
set -euo pipefail
cd "$(dirname "$0")/../.."
WARMUP=${WARMUP:-60}; DURATION=${DURATION:-30}; RUNS=${RUNS:-3}; SESSIONS=${SESSIONS:-32}
. bench/tools/stack.sh
bench_stack_start

export TOKEN; TOKEN=$(curl -sf "http://localhost:$ISS/dev/token?sub=bench-narrative&scope=events:publish&ttl=PT2H")
export SESSIONS_FILE="$work/sessions"
for i in $(seq 1 "$SESSIONS"); do echo "bench-batch-$$-$i"; done > "$SESSIONS_FILE"
# One request first: a refusal here (401, 400, 415) would otherwise only show as status errors.
first=$(curl -s -o "$work/first.json" -w '%{http_code}' -X POST "http://127.0.0.1:$GW/api/v1/events" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/cloudevents-batch+json' \
  -d "[{\"specversion\":\"1.0\",\"type\":\"org.tta.narrative.scene.v1\",\"subject\":\"$(head -n 1 "$SESSIONS_FILE")\",\"data\":{\"turn\":0}}]")
[ "$first" = 202 ] || { echo "first batch answered $first: $(cat "$work/first.json")" >&2; exit 1; }

echo "warming up for ${WARMUP}s"
wrk -t2 -c4 -d"${WARMUP}s" -s bench/batch/batch.lua "http://127.0.0.1:$GW" > /dev/null
bench_limit "$RUNS"
bench_wrk_rows bench/batch/batch.lua 4 16
python3 bench/batch/report.py "$DURATION" "$RUNS" "$WARMUP" "${rows[4]}" "${rows[16]}" "$limits" > "$work/report.md"
bench_write_doc docs/benchmarks/batch.md "$work/report.md"
cat docs/benchmarks/batch.md
