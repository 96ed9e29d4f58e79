#!/usr/bin/env python3
"""Summarises the CPU samples (jdk.ExecutionSample) of a JFR recording of the gateway: samples per thread pool, the
time by component (each sample charged to the innermost frame of a known component, so the rows add up to 100 %),
the inclusive share of the components that matter for the levers, and the hottest methods (self and inclusive).
    bench/tools/jfr_summary.py <jfr tool> <recording.jfr> [top]
"""
import collections
import re
import subprocess
import sys

# (label, prefixes): the innermost frame matching one of these decides a sample's component; order = priority
# only when one frame matches several (it never does with these prefixes).
COMPONENTS = [
    ("context propagation (io.micrometer.context, Reactor's ContextPropagation)",
     ("io.micrometer.context.", "reactor.core.publisher.ContextPropagation", "reactor.core.publisher.FluxContextWriteRestoringThreadLocals",
      "reactor.core.publisher.MonoContextWriteRestoringThreadLocals")),
    ("observations and tracing (Micrometer Observation/Tracing, OpenTelemetry)",
     ("io.micrometer.observation.", "io.micrometer.tracing.", "io.opentelemetry.")),
    ("metrics (Micrometer core)", ("io.micrometer.core.",)),
    ("Spring Security", ("org.springframework.security.",)),
    ("JWT (Nimbus)", ("com.nimbusds.",)),
    ("rate limiter (Bucket4j)", ("io.github.bucket4j.",)),
    ("Redis client (Lettuce)", ("io.lettuce.",)),
    ("JSON Schema validation", ("com.networknt.", "org.tta.schemas.validation.")),
    ("pre-check (regexes, phrase index)", ("org.tta.gateway.precheck.",)),
    ("CloudEvents", ("io.cloudevents.",)),
    ("Kafka client", ("org.apache.kafka.",)),
    ("JSON (Jackson)", ("tools.jackson.", "com.fasterxml.jackson.")),
    ("gateway code (org.tta)", ("org.tta.",)),
    ("Caffeine", ("com.github.benmanes.caffeine.",)),
    ("Spring WebFlux / web / HTTP", ("org.springframework.web.", "org.springframework.http.", "org.springframework.core.")),
    ("other Spring", ("org.springframework.",)),
    ("Reactor Netty", ("reactor.netty.",)),
    ("Reactor core", ("reactor.",)),
    ("Netty", ("io.netty.",)),
    ("JDK crypto / security", ("sun.security.", "javax.crypto.", "com.sun.crypto.")),
    ("JDK regex", ("java.util.regex.",)),
    ("JDK NIO / sockets", ("sun.nio.", "java.nio.")),
    ("JDK other", ("java.", "jdk.", "sun.")),
]
# inclusive: a sample counts once for a label when any of its frames matches
INCLUSIVE = [
    ("context propagation restoring thread locals", ("io.micrometer.context.", "reactor.core.publisher.ContextPropagation")),
    ("observations and tracing", ("io.micrometer.observation.", "io.micrometer.tracing.", "io.opentelemetry.")),
    ("Micrometer metrics", ("io.micrometer.core.",)),
    ("Spring Security filter chain", ("org.springframework.security.web.server.",)),
    ("JWT decoding and verification", ("com.nimbusds.", "org.tta.gateway.identity.")),
    ("rate limiting (filters, Bucket4j)", ("org.tta.gateway.ratelimit.", "io.github.bucket4j.")),
    ("membership check", ("org.tta.gateway.session.",)),
    ("JSON Schema validation", ("org.tta.schemas.validation.", "com.networknt.")),
    ("pre-check", ("org.tta.gateway.precheck.",)),
    ("idempotency guard", ("org.tta.gateway.idempotency.",)),
    ("building the three records (ingest)", ("org.tta.gateway.ingest.MessageIngestService",)),
    ("publisher: queue, committers, Kafka producer", ("org.tta.gateway.publish.", "org.apache.kafka.")),
    ("Lettuce", ("io.lettuce.",)),
    ("Netty channel I/O (read/write syscalls)", ("sun.nio.ch.", "io.netty.channel.epoll.Native", "io.netty.channel.unix.")),
    ("problem responses", ("org.tta.gateway.problem.",)),
    ("logging", ("ch.qos.logback.", "org.slf4j.")),
]

FRAME = re.compile(r"^\s+([\w$.<>/-]+)\(")
THREAD = re.compile(r'^\s+sampledThread = "([^"]*)"')


def pool(name):
    return re.sub(r"[-#]?\d+(-\d+)*$", "-N", name)


def main():
    jfr, recording = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    proc = subprocess.Popen([jfr, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", recording],
                            stdout=subprocess.PIPE, text=True, bufsize=1 << 20)
    threads = collections.Counter()
    components = collections.Counter()
    inclusive = collections.Counter()
    self_methods = collections.Counter()
    incl_methods = collections.Counter()
    total = 0
    thread, frames, in_stack = None, [], False

    def account():
        nonlocal total
        if not frames:
            return
        total += 1
        threads[pool(thread or "?")] += 1
        self_methods[frames[0]] += 1
        for method in set(frames):
            incl_methods[method] += 1
        for label, prefixes in INCLUSIVE:
            if any(f.startswith(prefixes) for f in frames):
                inclusive[label] += 1
        for f in frames:  # leaf first
            label = next((l for l, p in COMPONENTS if f.startswith(p)), None)
            if label:
                components[label] += 1
                return
        components["unknown"] += 1

    for line in proc.stdout:
        if line.startswith("jdk.ExecutionSample"):
            thread, frames, in_stack = None, [], False
        elif (m := THREAD.match(line)):
            thread = m.group(1)
        elif "stackTrace = [" in line:
            in_stack = True
        elif in_stack and line.strip() == "]":
            in_stack = False
            account()
            frames = []
        elif in_stack and (m := FRAME.match(line)):
            frames.append(m.group(1))
    proc.wait()
    if total == 0:
        print("no execution samples")
        return

    def pct(n):
        return f"{100.0 * n / total:5.1f} %"

    print(f"CPU samples (jdk.ExecutionSample, Java threads): {total}\n")
    print("## Samples by thread pool\n")
    for name, n in threads.most_common(15):
        print(f"- {pct(n)}  {name}")
    print("\n## Time by component (innermost known frame; adds up to 100 %)\n")
    for name, n in components.most_common():
        print(f"- {pct(n)}  {name}")
    print("\n## Inclusive share (a sample counts for every label one of its frames matches)\n")
    for name, n in sorted(inclusive.items(), key=lambda kv: -kv[1]):
        print(f"- {pct(n)}  {name}")
    print(f"\n## Top {top} methods by self time\n")
    for name, n in self_methods.most_common(top):
        print(f"- {pct(n)}  {name}")
    print(f"\n## Top {top} gateway methods (org.tta) by inclusive time\n")
    for name, n in [kv for kv in incl_methods.most_common() if kv[0].startswith("org.tta.")][:top]:
        print(f"- {pct(n)}  {name}")


if __name__ == "__main__":
    main()
