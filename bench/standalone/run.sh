#!/usr/bin/env bash
# The embedded default's start-up time and memory: starts `bin/standalone --no-build` (the four services, the
# in-process Kafka broker, embedded PostgreSQL, the dev issuer, one JVM) RUNS times on ports of its own, and
# measures the wall time from launch to the "embedded default: ready" banner, then, idle, the JVM's resident
# memory (RSS, the embedded PostgreSQL's processes counted apart) and its heap after a full GC. Writes
# docs/benchmarks/standalone.md. Everything listens on 127.0.0.1; each run stops by itself.
#   bench/standalone/run.sh      defaults: RUNS=3 (SKIP_BUILD=1 reuses the jar)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
. .mvn/select-jdk.sh; tta_select_jdk
[ -n "${SKIP_BUILD-}" ] || ./mvnw -B -q -DskipTests -Dmaven.test.skip=true install -pl standalone -am
work=$(mktemp -d); pid=""
cleanup() { [ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; } || true; rm -rf "$work"; }
trap cleanup EXIT
export TTA_STANDALONE_GATEWAY_PORT=28080 TTA_STANDALONE_ROUTER_PORT=28081 TTA_STANDALONE_SAFETY_PORT=28082 \
  TTA_STANDALONE_AUDIT_PORT=28083 TTA_STANDALONE_KAFKA_PORT=29092 TTA_STANDALONE_ISSUER_PORT=29000 \
  TTA_STANDALONE_POSTGRES_PORT=25432

rows=""
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s%N)
  bin/standalone --no-build > "$work/run$run.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 1800); do
    grep -q "embedded default: ready" "$work/run$run.log" && break
    kill -0 "$pid" 2>/dev/null || { tail -40 "$work/run$run.log"; exit 1; }
    sleep 0.1
  done
  grep -q "embedded default: ready" "$work/run$run.log" || { tail -40 "$work/run$run.log"; exit 1; }
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 10   # idle a little, so the figures are the resting state rather than the start-up peak
  "$JAVA_HOME/bin/jcmd" "$pid" GC.run > /dev/null
  heap_kb=$("$JAVA_HOME/bin/jcmd" "$pid" GC.heap_info | sed -nE 's/.* used ([0-9]+)K.*/\1/p' | head -n 1)
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  pg_kb=$(ps -o rss= --ppid "$(pgrep -f "postgres.*-p 25432" | head -n 1)" 2>/dev/null | awk '{s+=$1} END {print s+0}')
  pg_kb=$(( pg_kb + $(ps -o rss= -p "$(pgrep -f "postgres.*-p 25432" | head -n 1)" 2>/dev/null | awk '{s+=$1} END {print s+0}') ))
  threads=$(awk '/Threads/ {print $2}' "/proc/$pid/status")
  line="ready_ms=$ready_ms rss_mb=$(( rss_kb / 1024 )) heap_mb=$(( heap_kb / 1024 )) postgres_mb=$(( pg_kb / 1024 )) threads=$threads"
  echo "run=$run $line"
  rows+="$line"$'\n'
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
done
python3 bench/standalone/report.py "$RUNS" "$rows" > "$work/report.md"
. bench/tools/doc.sh
bench_write_doc docs/benchmarks/standalone.md "$work/report.md"
cat docs/benchmarks/standalone.md
