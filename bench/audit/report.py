#!/usr/bin/env python3
"""Writes (or replaces) the "Records stored per second" section of docs/benchmarks/audit.md."""
import os
import re
import statistics
import subprocess
import sys
from datetime import datetime, timezone

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
from benchlib import limit_lines, limit_paragraph, machine_lines, ratio  # noqa: E402

results, records, sessions, runs, doc, load_before = (sys.argv[1], int(sys.argv[2]), int(sys.argv[3]),
                                                      int(sys.argv[4]), sys.argv[5], sys.argv[6])
text = open(results).read()
rates, seconds = [], []
for line in text.splitlines():
    m = re.search(r"seconds=([\d.]+) rate=(\d+)", line)
    if m:
        seconds.append(float(m.group(1)))
        rates.append(int(m.group(2)))
pg = subprocess.run(["sh", "-c", "psql -h 127.0.0.1 -U postgres -d test -tAc 'show server_version' 2>/dev/null"],
                    capture_output=True, text=True).stdout.strip() or "local server"
limit_text, limit = limit_paragraph(limit_lines(text))
rate = statistics.median(rates)
newline = "\n"
section = f"""## Records stored per second

Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on this machine, shared with other engineers' work, so
expect noise; PostgreSQL {pg} on 127.0.0.1, the test kit's in-JVM Kafka broker (one node), the JDK `./mvnw`
picks.

{newline.join(machine_lines())}
- load average (1/5/15 min) before the run: {load_before}
- command: `RECORDS={records} SESSIONS={sessions} RUNS={runs} bench/audit/run.sh`

{records} audit records ({sessions} sessions, ~200 characters of message text each) are produced while the
sink's listener is stopped; the listener then starts and the clock runs until the last row is in PostgreSQL:
decode and validate, take the text out and encrypt it (AES-256-GCM), claim the event ids, lock the chain
heads, hash and insert the rows, advance the heads, commit, commit the offsets (batches of up to 500).
A warm-up run of 10,000 records comes first and is not counted; after it, the physical limit is measured against
the same broker ({runs} runs of `bench/tools/kafka-perf.sh`, its producer in a JVM of its own, started by
`org.tta.testkit.PhysicalLimit` while the sink's listener is stopped); then the measured runs.

{limit_text}
| | records/s | ratio to limit |
|---|---|---|
| median of {len(rates)} | **{rate:.0f}** | **{ratio(rate, limit)}** |
| min | {min(rates)} | {ratio(min(rates), limit)} |
| max | {max(rates)} | {ratio(max(rates), limit)} |

Runs: {", ".join(f"{r} rec/s ({s:.1f} s)" for r, s in zip(rates, seconds))}.

"""
doc_text = open(doc).read() if os.path.exists(doc) else "# Audit sink benchmarks\n\n"
pattern = re.compile(r"## Records stored per second\n.*?(?=^## |\Z)", re.S | re.M)
doc_text = pattern.sub(lambda _: section, doc_text) if pattern.search(doc_text) else doc_text.rstrip() + "\n\n" + section
open(doc, "w").write(doc_text)
