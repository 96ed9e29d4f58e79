#!/usr/bin/env python3
"""Writes (or replaces) the "Records stored per second" section of docs/benchmarks/audit.md."""
import os, re, statistics, subprocess, sys
from datetime import datetime, timezone

results, records, sessions, runs, doc = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
rates, seconds = [], []
for line in open(results):
    m = re.search(r"seconds=([\d.]+) rate=(\d+)", line)
    if m:
        seconds.append(float(m.group(1)))
        rates.append(int(m.group(2)))
cpu = subprocess.run(["sh", "-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"], capture_output=True, text=True).stdout.strip()
pg = subprocess.run(["sh", "-c", "psql -h 127.0.0.1 -U postgres -d test -tAc 'show server_version' 2>/dev/null"],
                    capture_output=True, text=True).stdout.strip() or "local server"
load = open("/proc/loadavg").read().split()[:3]
section = f"""## Records stored per second

Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on this machine ({os.cpu_count()} cores, {cpu}; shared with
other engineers' builds, so expect noise: load average {" / ".join(load)} when the runs ended), PostgreSQL {pg} on 127.0.0.1, in-JVM Kafka broker (test kit),
the JDK `./mvnw` picks.

{records} audit records ({sessions} sessions, ~200 characters of message text each) are produced while the
sink's listener is stopped; the listener then starts and the clock runs until the last row is in PostgreSQL:
decode and validate, take the text out and encrypt it (AES-256-GCM), claim the event ids, lock the chain
heads, hash and insert the rows, advance the heads, commit, commit the offsets (batches of up to 500).
A warm-up run of 10,000 records comes first and is not counted.

| | records/s |
|---|---|
| median of {len(rates)} | **{statistics.median(rates):.0f}** |
| min | {min(rates)} |
| max | {max(rates)} |

Runs: {", ".join(f"{r} rec/s ({s:.1f} s)" for r, s in zip(rates, seconds))}.

Command: `RECORDS={records} SESSIONS={sessions} RUNS={runs} bench/audit/run.sh`

"""
text = open(doc).read() if os.path.exists(doc) else "# Audit sink benchmarks\n\n"
pattern = re.compile(r"## Records stored per second\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section
open(doc, "w").write(text)
