#!/usr/bin/env bash
# Audit ingest benchmark: audit records stored per second (Kafka -> decode -> encrypt -> hash chain ->
# PostgreSQL, offsets committed after each durable batch). Uses the test kit's infrastructure: an
# in-JVM Kafka broker and the local PostgreSQL (127.0.0.1:5432, database test, its own schema).
# Between the warm-up and the measured runs, the physical limit (Kafka's ProducerPerformance, bench/tools/kafka-perf.sh)
# is measured RUNS times against the same broker; the section gives records/s as a ratio to it.
# Writes the "Records stored per second" section of docs/benchmarks/audit.md (other sections stay).
#   bench/audit/run.sh        defaults: RECORDS=50000 SESSIONS=500 RUNS=3
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORDS=${RECORDS:-50000}; SESSIONS=${SESSIONS:-500}; RUNS=${RUNS:-3}
. .mvn/select-jdk.sh; tta_select_jdk
. bench/tools/limit.sh
limit_property=$(bench_limit_property)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
./mvnw -B -q -o -pl audit-sink -am verify -Dbench.excludedGroups=none -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=AuditIngestBench -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dbench.records="$RECORDS" -Dbench.sessions="$SESSIONS" -Dbench.runs="$RUNS" "$limit_property"
python3 bench/audit/report.py audit-sink/target/bench-audit.txt "$RECORDS" "$SESSIONS" "$RUNS" docs/benchmarks/audit.md \
  "$load_before"
sed -n '/^## Records stored per second/,/^## /p' docs/benchmarks/audit.md
