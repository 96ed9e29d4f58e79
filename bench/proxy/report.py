"""Writes docs/benchmarks/proxy.md from the RESULT lines of bench/proxy/run.sh."""
import os
import platform
import re
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from benchlib import limit_paragraph, ratio  # noqa: E402

work, duration, runs, warmup = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
blocks = sys.argv[5:]  # pairs: label, lines


def parse(lines):
    out = []
    for line in lines.strip().splitlines():
        m = dict(re.findall(r"(\w+)=([\d.]+)", line))
        out.append({k: float(v) for k, v in m.items()})
    return out


def med(rows, key):
    values = [r[key] for r in rows]
    return statistics.median(values), min(values), max(values)


def cpu():
    try:
        with open("/proc/cpuinfo") as f:
            names = [l.split(":", 1)[1].strip() for l in f if l.startswith("model name")]
        return f"{names[0]} x {len(names)}" if names else platform.processor()
    except OSError:
        return platform.processor()


results = {}
for i in range(0, len(blocks), 2):
    results[blocks[i]] = parse(blocks[i + 1])

java = subprocess.run([os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "java"), "-version"],
                      capture_output=True, text=True).stderr.splitlines()[0]
print("# Proxy benchmark\n")
print("What it measures: authenticated GETs of a small JSON document (about 70 bytes) through the gateway's")
print("proxy route (JWT check with the verified-token cache, path guard, both rate-limit filters with Redis")
print("buckets, route match, peak-EWMA balancing, breaker, forwarding headers, streamed relay of the answer) to one")
print("Reactor Netty backend, against wrk calling the same backend directly with the same headers.\n")
print(f"Command: `bench/proxy/run.sh` (WARMUP={warmup}s, DURATION={duration}s per run, RUNS={runs}; wrk -t2).")
print("The gateway runs its executable jar in its own JVM (-Xmx1g); the backend and the dev issuer run in")
print("other JVMs; Redis is the local server. Everything on one machine, loopback only.\n")
print(f"Machine: {cpu()}, {os.cpu_count()} cores, shared with other work while measuring; {java}; "
      f"{platform.system()} {platform.release()}.\n")
load = os.getloadavg()
print(f"Load average when the report was written: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1/5/15 min).\n")
limit_text, limit = limit_paragraph(os.environ.get("LIMITS", ""))
if limit_text:
    print(limit_text)
    print("A proxied GET writes nothing to Kafka; the ratio says how the gateway's request rate on this route compares")
    print("with what the same machine's broker accepts from one producer, as issue 10 asks of every gateway figure.\n")
print("Median of the runs, with [min, max]. Latency in milliseconds.\n")
print("| connections | path | requests/s | ratio to limit | p50 | p99 | errors |")
print("|---|---|---|---|---|---|---|")
for conns in ("8", "64"):
    for path in ("direct", "proxy"):
        rows = results.get(f"{path}-{conns}", [])
        if not rows:
            continue
        rps, lo, hi = med(rows, "rps")
        p50 = med(rows, "p50")
        p99 = med(rows, "p99")
        err = sum(r["errors"] for r in rows)
        print(f"| {conns} | {path} | {rps:,.0f} [{lo:,.0f}, {hi:,.0f}] | {ratio(rps, limit)} | {p50[0]/1000:.2f} [{p50[1]/1000:.2f}, {p50[2]/1000:.2f}] "
              f"| {p99[0]/1000:.2f} [{p99[1]/1000:.2f}, {p99[2]/1000:.2f}] | {err:.0f} |")
print("\nAdded by the proxy (median proxy minus median direct):\n")
print("| connections | added p50 (ms) | added p99 (ms) | throughput, proxy / direct |")
print("|---|---|---|---|")
for conns in ("8", "64"):
    d, p = results.get(f"direct-{conns}"), results.get(f"proxy-{conns}")
    if d and p:
        print(f"| {conns} | {(med(p, 'p50')[0] - med(d, 'p50')[0]) / 1000:.2f} | {(med(p, 'p99')[0] - med(d, 'p99')[0]) / 1000:.2f} "
              f"| {med(p, 'rps')[0] / med(d, 'rps')[0]:.0%} |")
connections = os.path.join(work, "connections")
if os.path.exists(connections):
    with open(connections) as f:
        print("\nAfter the runs: " + f.read().strip() + " (the client pool keeps its connections).")
analysis = os.path.join(os.path.dirname(os.path.abspath(__file__)), "analysis.md")
if os.path.exists(analysis):
    with open(analysis) as f:
        print("\n" + f.read().strip())
