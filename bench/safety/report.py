#!/usr/bin/env python3
"""The ratio part of docs/benchmarks/safety.md: the limit measured in the run, and the burst's scans/s against it."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
from benchlib import cell, limit_paragraph, median, ratio  # noqa: E402

runs_text, limits, rate = sys.argv[1], sys.argv[2], sys.argv[3]
burst = [{"scans_per_s": float(m)} for m in re.findall(r"^burst run \d+: ([\d.]+) scans/s", runs_text, re.M)]
steady = [{"scans_per_s": float(m)} for m in re.findall(r"^steady run \d+: ([\d.]+) scans/s", runs_text, re.M)]
text, limit = limit_paragraph(limits)
print(text)
print("| phase | scans/s, median (min to max) | ratio to limit (median) |")
print("|---|---|---|")
if burst:
    print(f"| burst (as fast as the worker drains) | {cell(burst, 'scans_per_s')} "
          f"| {ratio(median(burst, 'scans_per_s'), limit)} |")
if steady:
    print(f"| steady ({rate} scans/s offered) | {cell(steady, 'scans_per_s')} | none: the driver paces the rate |")
print("\nA scan is one small record read (the evaluation set's texts, well under 1 KiB) and a verdict (plus, for a")
print("crisis, an escalation) written in an exactly-once transaction; the limit counts 1 KiB records produced.")
