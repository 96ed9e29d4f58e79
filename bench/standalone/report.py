#!/usr/bin/env python3
"""Turns the lines of bench/standalone/run.sh into the results part of docs/benchmarks/standalone.md."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
from benchlib import cell, machine_lines, parse  # noqa: E402

runs, block = sys.argv[1:3]
rows = parse(block)
print("# Embedded default: start-up time and memory\n")
print("`bin/standalone --no-build`: the gateway, event-router, safety-worker and audit-sink, an in-process Kafka")
print("broker, an embedded PostgreSQL and the dev token issuer, in one JVM with the JDK's default heap settings.")
print("No ratio to Kafka's ProducerPerformance here: start-up time and resting memory move no records, so a records/s")
print("limit does not bound them; the throughput of the same code is measured against it in the other documents.\n")
print("\n".join(machine_lines()))
print(f"- command: `RUNS={runs} bench/standalone/run.sh`; median (min to max) of {runs} starts\n")
print("| measure | value |")
print("|---|---|")
print(f"| launch to the `embedded default: ready` banner | {cell(rows, 'ready_ms', '{:.1f}', 0.001)} s |")
print(f"| JVM resident memory (RSS), idle after start | {cell(rows, 'rss_mb')} MiB |")
print(f"| Java heap used after a full GC | {cell(rows, 'heap_mb')} MiB |")
print(f"| embedded PostgreSQL processes (RSS) | {cell(rows, 'postgres_mb')} MiB |")
print(f"| JVM threads | {cell(rows, 'threads')} |")
