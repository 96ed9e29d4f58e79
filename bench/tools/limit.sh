# Sourced by the benchmarks that measure the physical limit from the shell (the broker is a process of their own).

# bench_limit RUNS [BOOTSTRAP]: runs ProducerPerformance (bench/tools/kafka-perf.sh) RUNS times against BOOTSTRAP
# (default localhost:$KAFKA); sets limits (one LIMIT line each). LIMIT_RECORDS sets the records per run.
bench_limit() {
  local runs=$1 bootstrap=${2:-localhost:$KAFKA} run line
  limits=""
  for run in $(seq 1 "$runs"); do
    line=$(bench/tools/kafka-perf.sh "$bootstrap")
    echo "limit run=$run $line"
    limits+="$line"$'\n'
  done
}

# bench_limit_property: the Maven argument that makes a bench IT measure the limit against its in-JVM broker
# (org.tta.testkit.PhysicalLimit runs kafka-perf.sh while the IT's JVM is up). Builds the tool's classpath first,
# so the run inside the IT starts no Maven of its own.
bench_limit_property() {
  bench/tools/kafka-perf.sh --classpath >/dev/null
  echo "-Dbench.limit.script=$PWD/bench/tools/kafka-perf.sh"
}
