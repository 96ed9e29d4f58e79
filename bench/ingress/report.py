#!/usr/bin/env python3
"""Turns the RESULT lines of bench/ingress/run.sh into docs/benchmarks/ingress.md (median, min, max)."""
import os
import platform
import re
import statistics
import subprocess
import sys

work, duration, runs, warmup, redis, res64, res256 = sys.argv[1:8]
limits = sys.argv[8] if len(sys.argv) > 8 else ""


def parse(block):
    rows = []
    for line in block.strip().splitlines():
        fields = dict(re.findall(r"(\w+)=([\d.]+)", line))
        rows.append({k: float(v) for k, v in fields.items()})
    return rows


def cell(rows, key, fmt="{:.0f}"):
    values = [r[key] for r in rows]
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))} to {fmt.format(max(values))})"


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=10).stdout.strip()
    except Exception:
        return "?"


java = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "java")
print("# Ingress benchmark: authenticated message posts\n")
print("Full gateway path per request: JWT verification, session membership, rate limit, JSON Schema validation,")
print("inline pre-check, and the atomic Kafka write of session event + safety scan + audit record (`acks=all`).")
print("Body about 1 KiB. Load from `wrk -t2` on loopback, closed loop.\n")
memory = sh("free -g | awk '/Mem:/ {print $2}'")
print(f"- machine: {sh('nproc')} cores, {memory} GiB, {platform.platform()}")
print(f"- JDK: {sh(java + ' -version 2>&1 | head -n 1')}")
print("- system under test: the gateway's runnable jar in its own JVM, shared state in the local Redis; Kafka is")
print("  Kafka's own KRaft broker in a second JVM (the standalone with `TTA_STANDALONE_SERVICES=none`); workers off")
print(f"- command: `WARMUP={warmup} DURATION={duration} RUNS={runs} bench/ingress/run.sh`")
print(f"- warm-up {warmup} s, then {runs} runs of {duration} s per row; median (min to max)\n")
limit_rows = parse(limits) if limits.strip() else []
limit = statistics.median(r["records_per_s"] for r in limit_rows) if limit_rows else None
if limit:
    print("The physical limit, measured against the same broker in the same run: Kafka's own")
    print("`org.apache.kafka.tools.ProducerPerformance` (kafka-tools from Maven Central), 1 KiB records, `acks=all`,")
    print(f"idempotence on, unthrottled: **{cell(limit_rows, 'records_per_s')} records/s** "
          f"(p50 {cell(limit_rows, 'p50_ms', '{:.0f}')} ms, p99 {cell(limit_rows, 'p99_ms', '{:.0f}')} ms).\n")
print("| connections | requests/s | ratio to limit | p50 ms | p99 ms | p99.9 ms | non-2xx |")
print("|---|---|---|---|---|---|---|")
for conns, block in (("64", res64), ("256", res256)):
    rows = parse(block)
    ratio = f"{statistics.median(r['rps'] for r in rows) / limit:.0%}" if limit else "not measured"
    print(f"| {conns} | {cell(rows, 'rps')} | {ratio} | {cell(rows, 'p50_ms', '{:.1f}')} | {cell(rows, 'p99_ms', '{:.1f}')} "
          f"| {cell(rows, 'p999_ms', '{:.1f}')} | {int(sum(r['status_errors'] for r in rows))} |")
print("\nThe load generator, the broker, Redis and the gateway share the same 2 cores.")
