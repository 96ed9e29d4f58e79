#!/usr/bin/env python3
"""Turns the RESULT lines of bench/ingress/run.sh into the results part of docs/benchmarks/ingress.md."""
import os
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
from benchlib import cell, limit_paragraph, machine_lines, parse  # noqa: E402

work, duration, runs, warmup, redis, res64, res256 = sys.argv[1:8]
limits = sys.argv[8] if len(sys.argv) > 8 else ""
fixed = sys.argv[9] if len(sys.argv) > 9 else ""

print("# Ingress benchmark: authenticated message posts\n")
print("Full gateway path per request: JWT verification, session membership, rate limit, JSON Schema validation,")
print("inline pre-check, and the atomic Kafka write of session event + safety scan + audit record (`acks=all`).")
print("Body about 1 KiB. Load from `wrk -t2` on loopback, closed loop.\n")
print("\n".join(machine_lines()))
print("- system under test: the gateway's runnable jar in its own JVM, shared state in the local Redis; Kafka is")
print("  Kafka's own KRaft broker in a second JVM (the standalone with `TTA_STANDALONE_SERVICES=none`); workers off")
extra = "".join(f"{k}={os.environ[k]!r} " if " " in os.environ[k] else f"{k}={os.environ[k]} "
                for k in ("RATE", "BENCH_GATEWAY_ARGS") if os.environ.get(k))
print(f"- command: `{extra}WARMUP={warmup} DURATION={duration} RUNS={runs} bench/ingress/run.sh`")
print(f"- warm-up {warmup} s, then {runs} runs of {duration} s per row; median (min to max)\n")
text, limit = limit_paragraph(limits)
print(text)
print("| connections | requests/s | ratio to limit | p50 ms | p99 ms | p99.9 ms | non-2xx |")
print("|---|---|---|---|---|---|---|")
for conns, block in (("64", res64), ("256", res256)):
    rows = parse(block)
    ratio = f"{statistics.median(r['rps'] for r in rows) / limit:.1%}" if limit else "not measured"
    print(f"| {conns} | {cell(rows, 'rps')} | {ratio} | {cell(rows, 'p50_ms', '{:.1f}')} | {cell(rows, 'p99_ms', '{:.1f}')} "
          f"| {cell(rows, 'p999_ms', '{:.1f}')} | {int(sum(r['status_errors'] for r in rows))} |")
fixed_rows = parse(fixed) if fixed.strip() else []
if fixed_rows:
    rates = sorted({int(r["rate"]) for r in fixed_rows})
    print(f"\nAt a fixed rate of {' and '.join(str(r) for r in rates)} requests/s (open loop, `bench/ingress/FixedRate.java`: "
          "each request's latency counts")
    print("from when it was due, so queueing is not hidden; 10 s at the rate before each measured run):\n")
    print("| offered/s | achieved/s | p50 ms | p99 ms | p99.9 ms | max ms | non-2xx | failed |")
    print("|---|---|---|---|---|---|---|---|")
    for rate in rates:
        rows = [r for r in fixed_rows if int(r["rate"]) == rate]
        print(f"| {rate} | {cell(rows, 'achieved_rps')} | {cell(rows, 'p50_ms', '{:.1f}')} "
              f"| {cell(rows, 'p99_ms', '{:.1f}')} | {cell(rows, 'p999_ms', '{:.1f}')} "
              f"| {cell(rows, 'max_ms', '{:.1f}')} | {int(sum(r['status_errors'] for r in rows))} "
              f"| {int(sum(r['errors'] for r in rows))} |")
print("\nThe load generator, the broker, Redis and the gateway share the same 2 cores.")
