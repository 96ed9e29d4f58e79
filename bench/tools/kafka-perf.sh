#!/usr/bin/env bash
# The physical limit: Kafka's own ProducerPerformance against a broker, 1 KiB records, acks=all,
# idempotence on. Prints one line "LIMIT records_per_s=<n> p50_ms=<n> p99_ms=<n>".
#   bench/tools/kafka-perf.sh <bootstrap> [records] [partitions]     records default: LIMIT_RECORDS or 300000
#   bench/tools/kafka-perf.sh --classpath                             only resolve the tool's classpath
# The topic is created first (with the partitions of the gateway's topics in the embedded default, 3):
# the benchmark brokers run with auto.create.topics.enable=false, and a producer writing to a topic
# that does not exist blocks max.block.ms on every send, which made this script hang for good.
set -euo pipefail
cd "$(dirname "$0")/../.."
bootstrap=$1; records=${2:-${LIMIT_RECORDS:-300000}}; partitions=${3:-3}
. .mvn/select-jdk.sh; tta_select_jdk
cp_file=bench/tools/target/classpath.txt
if [ ! -s "$cp_file" ]; then
  ./mvnw -B -q -f bench/tools/pom.xml dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
fi
[ "$bootstrap" != --classpath ] || exit 0
kafka=("$JAVA_HOME/bin/java" -Xmx512m -cp "$(cat "$cp_file")")
topic="bench.limit.$$"
log=$(mktemp)
if ! timeout 60 "${kafka[@]}" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --create \
    --topic "$topic" --partitions "$partitions" --replication-factor 1 >"$log" 2>&1; then
  grep -v " INFO " "$log" | sort -u | tail -n 5 >&2; echo "could not create topic $topic on $bootstrap" >&2; exit 1
fi
rm -f "$log"
trap 'timeout 60 "${kafka[@]}" org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" --delete --topic "$topic" >/dev/null 2>&1 || true' EXIT
# Bounded in time whatever happens; a send that cannot get metadata fails after 10 s instead of 60.
out=$(timeout 600 "${kafka[@]}" org.apache.kafka.tools.ProducerPerformance \
  --topic "$topic" --num-records "$records" --record-size 1024 --throughput -1 \
  --producer-props bootstrap.servers="$bootstrap" acks=all enable.idempotence=true linger.ms=5 max.block.ms=10000 \
  2>/dev/null | tail -n 1)
# "300000 records sent, 81234.5 records/sec (79.33 MB/sec), 300.1 ms avg latency, 900.0 ms max latency, 250 ms 50th, 800 ms 95th, 880 ms 99th, 899 ms 99.9th."
if ! grep -q ' records sent, ' <<<"$out"; then
  echo "ProducerPerformance gave no result line (last line: '$out')" >&2; exit 1
fi
rps=$(sed -E 's/.* records sent, ([0-9.]+) records\/sec.*/\1/' <<<"$out")
p50=$(sed -E 's/.* ([0-9.]+) ms 50th.*/\1/' <<<"$out")
p99=$(sed -E 's/.* ([0-9.]+) ms 99th.*/\1/' <<<"$out")
echo "LIMIT records_per_s=$rps p50_ms=$p50 p99_ms=$p99"
