#!/usr/bin/env bash
# Router benchmark: events/s routed from a backlog on tta.session.events.v1 to a Kafka sink and to a
# local webhook receiver (signed HTTP POSTs), median of RUNS runs with min and max, after a warm-up
# run of each. Broker (in-JVM KRaft), router and receiver share one JVM on this machine.
#   bench/router/run.sh              defaults: EVENTS=20000 RUNS=3 (COMMIT_INTERVAL unset: the router's default)
#   COMMIT_INTERVAL=100ms bench/router/run.sh   sets tta.router.commit-interval (default 0ms: commit whenever a
#                                               prefix grows)
# Writes docs/benchmarks/router.md (figures replaced, its "## Reading it" part kept).
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/tools/doc.sh
EVENTS=${EVENTS:-20000}; RUNS=${RUNS:-3}
cadence=()
if [ -n "${COMMIT_INTERVAL:-}" ]; then cadence=(-Dtta.router.commit-interval="$COMMIT_INTERVAL"); fi
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
./mvnw -B -q -o -pl schemas,event-router -am verify -Dtest=NONE -Dit.test=RouterThroughputBench \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dbench.events="$EVENTS" -Dbench.runs="$RUNS" "${cadence[@]}" > /tmp/router-bench.log 2>&1 \
  || { tail -60 /tmp/router-bench.log; exit 1; }
results=$(cat event-router/target/router-bench.txt)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
jdk=$(./mvnw -v 2>/dev/null | grep -m1 'Java version' | sed 's/, runtime.*//')
interval=$(echo "$results" | head -1 | sed 's/.*commit-interval=//')
generated=$(mktemp)
cat > "$generated" <<MD
# Router throughput

Events per second routed by the event-router from a backlog of ${EVENTS} session events (~200-byte
JSON, 64 sessions) on \`tta.session.events.v1\` to one subscription, from the first delivery (the
consumer group join after the loop starts is left out) until every event was delivered:

- **Kafka sink** (\`kafka://topic\`): a record is finished when routed, and its output goes out in
  the transaction with the consumer offsets (\`acks=all\`): one per poll (up to 500 records), also
  with a commit interval set (500 finished records make a commit due); counted by the router's
  \`tta.router.deliveries\` counter.
- **Webhook** (\`http://127.0.0.1\`, a JDK \`HttpServer\` answering 204): signed (Standard Webhooks),
  CloudEvents binary mode, \`ordered\` (one lane per session: its events one after the other, 64
  sessions in parallel, at most 64 requests in flight; no batch barrier since 2026-12-07: each
  partition's finished prefix is committed when the loop sees it grow, or with
  \`tta.router.commit-interval\` set at most that often unless 500 records wait); counted by the
  receiver.
- **commits/s**: routing transactions (offsets and held Kafka outputs) per second over the same
  window, from the router's \`tta.router.commits\` counter. Commit interval of this run: ${interval}.

Broker (in-JVM KRaft, one node), router and receiver share one JVM on this machine
(${cpu}, $(nproc) cores; ${jdk}). Load average (1/5/15 min) before the run: ${load_before}; after: ${load_after}.
A warm-up run of each precedes the measured runs.

Command: \`${COMMIT_INTERVAL:+COMMIT_INTERVAL=${COMMIT_INTERVAL} }EVENTS=${EVENTS} RUNS=${RUNS} bench/router/run.sh\` (run on $(date -u +%Y-%m-%d)).

| sink | events/s median | min | max | runs | commits/s per run |
|---|---|---|---|---|---|
$(echo "$results" | awk '{split($3,a,"="); split($4,m,"="); split($5,lo,"="); split($6,hi,"="); split($7,c,"="); print "| " $1 " | " m[2] " | " lo[2] " | " hi[2] " | " a[2] " | " c[2] " |"}')

Raw output:

\`\`\`
${results}
\`\`\`
MD
bench_write_doc docs/benchmarks/router.md "$generated"
rm -f "$generated"
cat docs/benchmarks/router.md
