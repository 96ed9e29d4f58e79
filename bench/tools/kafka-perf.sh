#!/usr/bin/env bash
# The physical limit: Kafka's own ProducerPerformance against a broker, 1 KiB records, acks=all,
# idempotence on. Prints one line "LIMIT records_per_s=<n> p50_ms=<n> p99_ms=<n>".
#   bench/tools/kafka-perf.sh <bootstrap> [records]
set -euo pipefail
cd "$(dirname "$0")/../.."
bootstrap=$1; records=${2:-300000}
. .mvn/select-jdk.sh; tta_select_jdk
cp_file=bench/tools/target/classpath.txt
if [ ! -s "$cp_file" ]; then
  ./mvnw -B -q -f bench/tools/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
fi
topic="bench.limit.$$"
out=$("$JAVA_HOME/bin/java" -Xmx512m -cp "$(cat "$cp_file")" org.apache.kafka.tools.ProducerPerformance \
  --topic "$topic" --num-records "$records" --record-size 1024 --throughput -1 \
  --producer-props bootstrap.servers="$bootstrap" acks=all enable.idempotence=true linger.ms=5 2>/dev/null | tail -n 1)
# "300000 records sent, 81234.5 records/sec (79.33 MB/sec), 300.1 ms avg latency, 900.0 ms max latency, 250 ms 50th, 800 ms 95th, 880 ms 99th, 899 ms 99.9th."
rps=$(sed -E 's/.* records sent, ([0-9.]+) records\/sec.*/\1/' <<<"$out")
p50=$(sed -E 's/.* ([0-9.]+) ms 50th.*/\1/' <<<"$out")
p99=$(sed -E 's/.* ([0-9.]+) ms 99th.*/\1/' <<<"$out")
echo "LIMIT records_per_s=$rps p50_ms=$p50 p99_ms=$p99"
