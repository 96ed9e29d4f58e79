"""Shared by the benchmark reports: RESULT/LIMIT line parsing, median (min to max) cells, machine facts."""
import os
import platform
import re
import statistics
import subprocess


def parse(block):
    """Each line's key=number fields as a dict of floats."""
    rows = []
    for line in block.strip().splitlines():
        fields = dict(re.findall(r"(\w+)=([\d.]+)", line))
        if fields:
            rows.append({k: float(v) for k, v in fields.items()})
    return rows


def cell(rows, key, fmt="{:.0f}", scale=1.0):
    values = [r[key] * scale for r in rows]
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))} to {fmt.format(max(values))})"


def median(rows, key):
    return statistics.median(r[key] for r in rows)


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=10).stdout.strip()
    except Exception:
        return "?"


def machine_lines():
    java = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "java")
    memory = sh("free -g | awk '/Mem:/ {print $2}'")
    cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'")
    return [f"- machine: {sh('nproc')} cores ({cpu}), {memory} GiB, {platform.platform()}",
            f"- JDK: {sh(java + ' -version 2>&1 | head -n 1')}",
            "- load average at the end: " + sh("cut -d' ' -f1-3 /proc/loadavg")]


def limit_paragraph(limits):
    """The ProducerPerformance paragraph and its median records/s (None when not measured)."""
    rows = parse(limits) if limits.strip() else []
    if not rows:
        return "", None
    text = ("The physical limit, measured against the same broker in the same run: Kafka's own\n"
            "`org.apache.kafka.tools.ProducerPerformance` (kafka-tools from Maven Central), 1 KiB records, `acks=all`,\n"
            f"idempotence on, unthrottled: **{cell(rows, 'records_per_s')} records/s** "
            f"(p50 {cell(rows, 'p50_ms')} ms, p99 {cell(rows, 'p99_ms')} ms).\n")
    return text, median(rows, "records_per_s")


def limit_lines(text):
    """The LIMIT lines of kafka-perf.sh (or org.tta.testkit.PhysicalLimit) found in a results text."""
    return "\n".join(line for line in text.splitlines() if line.startswith("LIMIT "))


def ratio(value, limit):
    """value as a percentage of the limit's records/s; "not measured" without a limit."""
    return f"{value / limit:.1%}" if limit else "not measured"
