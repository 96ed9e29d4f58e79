#!/usr/bin/env bash
# Timeline benchmark: the reviewer's session timeline (GET /api/v1/audit/sessions/{id}/timeline, first page of
# 100, content decrypted, the audit.accessed record written first) with 1,000,000 rows in audit_record.
# Starts the standalone with only the gateway and the audit-sink (in-JVM Kafka, embedded PostgreSQL, dev
# issuer), posts MESSAGES real messages into one session through the gateway (Kafka -> audit-sink, chained and
# encrypted), fills the table up to ROWS rows with generate_series through the real schema (10,000 other
# sessions, Oct-Nov 2026, one row in 20 a safety verdict), then times CALLS sequential timeline calls over HTTP
# after WARMUP calls, for the real session and for a generated one, and writes docs/benchmarks/audit-timeline.md.
#   bench/audit/timeline.sh          defaults: ROWS=1000000 MESSAGES=100 WARMUP=300 CALLS=1000
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-1000000}; MESSAGES=${MESSAGES:-100}; WARMUP=${WARMUP:-300}; CALLS=${CALLS:-1000}
GW=28080; AUDIT=28083; ISS=29000; KAFKA=29092; PG=25432
. .mvn/select-jdk.sh; tta_select_jdk
# package, never install: the SNAPSHOTs in ~/.m2 are shared
./mvnw -B -q -o -DskipTests -Dmaven.test.skip=true package -pl standalone -am
work=$(mktemp -d)
cleanup() { [ -n "$infra" ] && kill "$infra" 2>/dev/null; wait "$infra" 2>/dev/null || true; rm -rf "$work"; }
infra=""; trap cleanup EXIT

TTA_STANDALONE_SERVICES=gateway,audit-sink TTA_STANDALONE_GATEWAY_PORT=$GW TTA_STANDALONE_AUDIT_PORT=$AUDIT \
TTA_STANDALONE_ISSUER_PORT=$ISS TTA_STANDALONE_KAFKA_PORT=$KAFKA TTA_STANDALONE_POSTGRES_PORT=$PG \
  "$JAVA_HOME/bin/java" ${BENCH_JAVA_OPTS:--Xmx1g} -jar standalone/target/standalone-*-exec.jar > "$work/standalone.log" 2>&1 &
infra=$!
for _ in $(seq 1 240); do grep -q "embedded default: ready" "$work/standalone.log" && break; sleep 1; done
grep -q "embedded default: ready" "$work/standalone.log" || { tail -40 "$work/standalone.log"; exit 1; }
psql_() { psql -h 127.0.0.1 -p $PG -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

token() { curl -sf "http://localhost:$ISS/dev/token?sub=$1&roles=$2&ttl=PT2H"; }
therapist=$(token bench-theo therapist); patient=$(token bench-alice patient); reviewer=$(token bench-rita clinical_reviewer)
session=$(curl -sf -X POST "http://localhost:$GW/api/v1/sessions" -H "Authorization: Bearer $therapist" \
  -H 'Content-Type: application/json' -d '{"title":"timeline bench","participants":[{"subject":"bench-alice","role":"patient"}]}' \
  | sed -E 's/.*"id":"([^"]+)".*/\1/')
echo "posting $MESSAGES messages to $session through the gateway"
for i in $(seq 1 "$MESSAGES"); do
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://localhost:$GW/api/v1/sessions/$session/messages" \
      -H "Authorization: Bearer $patient" -H 'Content-Type: application/json' \
      -d "{\"text\":\"Benchmark message $i: how the week went, in a sentence or two of ordinary length.\"}")
    [ "$code" = 202 ] && break
    [ "$code" = 429 ] || [ "$code" = 503 ] || { echo "post answered $code" >&2; exit 1; }
    sleep 1
  done
done
for _ in $(seq 1 120); do
  stored=$(psql_ -c "select count(*) from audit_record where session_id = '$session' and action = 'session.message.posted'")
  [ "$stored" -ge "$MESSAGES" ] && break; sleep 1
done
[ "$stored" -ge "$MESSAGES" ] || { echo "only $stored of $MESSAGES messages stored" >&2; exit 1; }

have=$(psql_ -c "select count(*) from audit_record")
fill=$((ROWS - have))
echo "filling audit_record with $fill generated rows (to $ROWS)"
start=$(date +%s)
psql_ <<SQL
insert into audit_record (event_id, event_type, event_source, kind, event_time, stored_at, subject_id, subject_role,
    client_id, action, resource_type, resource_id, outcome, session_id, source_service, client_ip, trace_id,
    severity, category, payload, chain_id, chain_seq, prev_hash, row_hash)
select 'bench-' || g, 'org.tta.audit.record.v1', '/tta/gateway-service',
    case when g % 20 = 0 then 'safety_verdict' else 'audit_record' end,
    timestamptz '2026-10-01 00:00:00+00' + g * interval '4 seconds', now(),
    'bench-user-' || (g % 10000), 'patient', 'tta-web',
    case when g % 20 = 0 then 'safety.verdict' else 'session.message.posted' end,
    'session.message', 'bench-message-' || g, 'success', 'bench-session-' || (g % 10000), 'gateway-service',
    '203.0.113.7', null, case when g % 20 = 0 then 'low' end, null, '{"generated":true}'::jsonb,
    'session:bench-session-' || (g % 10000), g / 10000 + 1, sha256(('prev' || g)::bytea), sha256(('row' || g)::bytea)
from generate_series(1, $fill) g;
insert into audit_event_id (event_id, event_time)
select 'bench-' || g, timestamptz '2026-10-01 00:00:00+00' + g * interval '4 seconds' from generate_series(1, $fill) g;
analyze audit_record;
SQL
fill_seconds=$(( $(date +%s) - start ))
total=$(psql_ -c "select count(*) from audit_record")
echo "audit_record holds $total rows (fill took ${fill_seconds}s)"

measure() { # $1 = session, $2 = calls -> one time_total per line (seconds)
  for _ in $(seq 1 "$2"); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $reviewer" \
      "http://127.0.0.1:$AUDIT/api/v1/audit/sessions/$1/timeline?reason=benchmark"
  done
}
code=$(curl -s -o "$work/page.json" -w '%{http_code}' -H "Authorization: Bearer $reviewer" \
  "http://127.0.0.1:$AUDIT/api/v1/audit/sessions/$session/timeline?reason=benchmark")
[ "$code" = 200 ] || { echo "timeline answered $code: $(cat "$work/page.json")" >&2; exit 1; }
echo "warming up ($WARMUP calls each)"
measure "$session" "$WARMUP" > /dev/null
measure bench-session-42 "$WARMUP" > /dev/null
echo "measuring ($CALLS calls each)"
measure "$session" "$CALLS" > "$work/real.txt"
measure bench-session-42 "$CALLS" > "$work/generated.txt"
load=$(cut -d' ' -f1-3 /proc/loadavg)
plan=$(psql_ -c "explain (analyze, buffers off, timing on) select * from audit_record where session_id = 'bench-session-42' order by event_time, seq limit 101" | grep -E "Execution Time|Index (Only )?Scan using" | sed -E 's/^ *(-> *)?/    /')

python3 - "$work/real.txt" "$work/generated.txt" "$total" "$fill_seconds" "$MESSAGES" "$CALLS" "$WARMUP" "$plan" "$load" "$ROWS" <<'PY'
import statistics, sys, datetime, platform, os
real, gen = ([float(x) * 1000 for x in open(p)] for p in sys.argv[1:3])
total, fill, messages, calls, warmup, plan, load, rows = sys.argv[3:11]
def q(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]
def row(name, xs):
    return f"| {name} | {len(xs)} | {q(xs,50):.1f} | {q(xs,90):.1f} | {q(xs,99):.1f} | {max(xs):.1f} | {statistics.mean(xs):.1f} |"
cpus = os.cpu_count()
out = f"""# Audit timeline query with {int(total):,} rows

Measured {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')} on this machine ({cpus} cores,
shared with other work; {platform.machine()}), standalone JVM with the gateway and the audit-sink, embedded
PostgreSQL 17, one client calling sequentially (curl `time_total`, so HTTP on localhost included).
Load average (1, 5, 15 min) when the calls ended: {load}.

```sh
ROWS={rows} MESSAGES={messages} WARMUP={warmup} CALLS={calls} bench/audit/timeline.sh
```

What one call does: verify the JWT, record an `audit.accessed` row (chained, committed) in the session, read the first
page (100 entries, `order by event_time, seq limit 101` on the `(session_id, event_time, seq)` index), decrypt the
message text of each entry (AES-256-GCM, data key cached), write JSON.

| session | calls | p50 ms | p90 ms | p99 ms | max ms | mean ms |
|---|---|---|---|---|---|---|
{row(f"real ({messages} messages through gateway and Kafka, encrypted)", real)}
{row("generated (100 rows, metadata only)", gen)}

- `audit_record` held {int(total):,} rows: {messages} real messages, the rest generated with `generate_series`
  through the real schema (10,000 sessions of about 100 rows over Oct-Nov 2026 in the monthly partitions, one row in 20
  a safety verdict); filling took {fill} s.
- Each call adds its own `audit.accessed` row to the session it reads (after warm-up the real session held more
  than {int(warmup) + int(messages)} rows); the first page stays the 100 oldest entries, so every call does the same read.
- The query alone in PostgreSQL (`explain analyze`, generated session):
{plan}
"""
open("docs/benchmarks/audit-timeline.md", "w").write(out)
print(out)
PY
