#!/usr/bin/env bash
# Router benchmark: events/s routed from a backlog on tta.session.events.v1 to a Kafka sink and to a
# local webhook receiver (signed HTTP POSTs), median of RUNS runs with min and max, after a warm-up
# run of each. Broker (in-JVM KRaft), router and receiver share one JVM on this machine. Between the warm-up and
# the measured runs, the physical limit (Kafka's ProducerPerformance, bench/tools/kafka-perf.sh) is measured RUNS
# times against the same broker; the document gives each sink's events/s as a ratio to it.
#   bench/router/run.sh              defaults: EVENTS=20000 RUNS=3 (COMMIT_INTERVAL unset: the router's default)
#   COMMIT_INTERVAL=100ms bench/router/run.sh   sets tta.router.commit-interval (default 0ms: commit whenever a
#                                               prefix grows)
# Writes docs/benchmarks/router.md (figures replaced, its "## Reading it" part kept).
set -euo pipefail
cd "$(dirname "$0")/../.."
. .mvn/select-jdk.sh; tta_select_jdk
. bench/tools/doc.sh
. bench/tools/limit.sh
EVENTS=${EVENTS:-20000}; RUNS=${RUNS:-3}
cadence=()
if [ -n "${COMMIT_INTERVAL:-}" ]; then cadence=(-Dtta.router.commit-interval="$COMMIT_INTERVAL"); fi
limit_property=$(bench_limit_property)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
./mvnw -B -q -o -pl schemas,event-router -am verify -Dtest=NONE -Dit.test=RouterThroughputBench \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dbench.events="$EVENTS" -Dbench.runs="$RUNS" "$limit_property" "${cadence[@]}" > /tmp/router-bench.log 2>&1 \
  || { tail -60 /tmp/router-bench.log; exit 1; }
generated=$(mktemp)
python3 bench/router/report.py event-router/target/router-bench.txt "$EVENTS" "$RUNS" "${COMMIT_INTERVAL-}" \
  "$load_before" > "$generated"
bench_write_doc docs/benchmarks/router.md "$generated"
rm -f "$generated"
cat docs/benchmarks/router.md
