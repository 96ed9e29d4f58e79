#!/usr/bin/env python3
"""Turns the RESULT lines of bench/batch/run.sh into the results part of docs/benchmarks/batch.md."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
from benchlib import cell, limit_paragraph, machine_lines, median, parse, ratio  # noqa: E402

duration, runs, warmup, res4, res16, limits = sys.argv[1:7]

print("# CloudEvents batch ingest benchmark\n")
print("A backend service posts `POST /api/v1/events` with `application/cloudevents-batch+json`: 100 structured events")
print("of about 1 KiB each per request, 32 sessions. Per request: JWT verification, rate limit, CloudEvents parsing")
print("and validation, then one atomic publish of the 100 events and their 100 audit records (`acks=all`). Load from")
print("`wrk -t2` on loopback, closed loop.\n")
print("\n".join(machine_lines()))
print("- system under test: as in `docs/benchmarks/ingress.md` (gateway jar in its own JVM, Kafka broker of the standalone)")
print(f"- command: `WARMUP={warmup} DURATION={duration} RUNS={runs} bench/batch/run.sh`")
print(f"- warm-up {warmup} s, then {runs} runs of {duration} s per row; median (min to max)\n")
text, limit = limit_paragraph(limits)
print(text)
print("| connections | events/s | ratio to limit | requests/s | p50 ms | p99 ms | non-2xx |")
print("|---|---|---|---|---|---|---|")
for conns, block in (("4", res4), ("16", res16)):
    rows = parse(block)
    print(f"| {conns} | {cell(rows, 'events_per_s')} | {ratio(median(rows, 'events_per_s'), limit)} | {cell(rows, 'rps', '{:.1f}')} "
          f"| {cell(rows, 'p50_ms', '{:.1f}')} | {cell(rows, 'p99_ms', '{:.1f}')} | {int(sum(r['status_errors'] for r in rows))} |")
print("\nThe load generator, the broker, Redis and the gateway share the same 2 cores. Each event is two records in")
print("Kafka (the event and its audit record), while the limit counts one record per event.")
