#!/usr/bin/env python3
"""Turns event-router/target/router-bench.txt into the results part of docs/benchmarks/router.md."""
import os
import re
import sys
from datetime import datetime, timezone

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tools"))
from benchlib import limit_lines, limit_paragraph, machine_lines, ratio  # noqa: E402

results_file, events, runs, interval_setting, load_before = sys.argv[1:6]
results = open(results_file).read().strip()
sinks = [line for line in results.splitlines() if not line.startswith("LIMIT ")]
interval = sinks[0].rsplit("commit-interval=", 1)[1] if sinks else "?"
command = f"{'COMMIT_INTERVAL=' + interval_setting + ' ' if interval_setting else ''}EVENTS={events} RUNS={runs} bench/router/run.sh"

print(f"""# Router throughput

Events per second routed by the event-router from a backlog of {events} session events (~200-byte
JSON, 64 sessions) on `tta.session.events.v1` to one subscription, from the first delivery (the
consumer group join after the loop starts is left out) until every event was delivered:

- **Kafka sink** (`kafka://topic`): a record is finished when routed, and its output goes out in
  the transaction with the consumer offsets (`acks=all`): one per poll (up to 500 records), also
  with a commit interval set (500 finished records make a commit due); counted by the router's
  `tta.router.deliveries` counter.
- **Webhook** (`http://127.0.0.1`, a JDK `HttpServer` answering 204): signed (Standard Webhooks),
  CloudEvents binary mode, `ordered` (one lane per session: its events one after the other, 64
  sessions in parallel, at most 64 requests in flight; no batch barrier since 2026-12-07: each
  partition's finished prefix is committed when the loop sees it grow, or with
  `tta.router.commit-interval` set at most that often unless 500 records wait); counted by the
  receiver.
- **commits/s**: routing transactions (offsets and held Kafka outputs) per second over the same
  window, from the router's `tta.router.commits` counter. Commit interval of this run: {interval}.

Broker (the test kit's in-JVM KRaft broker, one node), router and receiver share one JVM on this machine.
A warm-up run of each sink comes first; then the physical limit is measured against that broker ({runs} runs of
`bench/tools/kafka-perf.sh`, its producer in a JVM of its own, started by `org.tta.testkit.PhysicalLimit`
while the router is idle); then the measured runs.

{chr(10).join(machine_lines())}
- load average (1/5/15 min) before the run: {load_before}
- measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC
- command: `{command}`
""")
text, limit = limit_paragraph(limit_lines(results))
print(text)
print("| sink | events/s median | min | max | ratio to limit (median) | runs | commits/s per run |")
print("|---|---|---|---|---|---|---|")
for line in sinks:
    f = dict(re.findall(r"([\w/-]+)=(\S+)", line))
    print(f"| {line.split()[0]} | {f['median']} | {f['min']} | {f['max']} | {ratio(float(f['median']), limit)} "
          f"| {f['runs']} | {f['commits/s']} |")
print(f"""
The limit counts 1 KiB records produced; a routed event is a ~200-byte record read, routed and (Kafka sink)
written again in a transaction with the offsets, or (webhook) signed and POSTed.

Raw output:

```
{results}
```""")
