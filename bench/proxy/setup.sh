# Sourced by bench/proxy/run.sh and bench/proxy/profile.sh: the gateway stack of bench/tools/stack.sh on ports of
# its own (dev issuer and Kafka in one JVM, the gateway's runnable jar in another, shared state in the local
# Redis), plus the backend in a third JVM, and checks the proxy route.
# Defines GW, BE, work, gw (the gateway's pid), TOKEN, proxy and direct; stops everything on exit.
set -euo pipefail
GW=18180; ISS=19100; KAFKA=19192; PG=15532; BE=18190
. bench/tools/stack.sh
bench_build
./mvnw -B -q -f bench/proxy/pom.xml dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null
"$JAVA_HOME/bin/java" -Xmx256m -cp "$(cat "$work/cp")" bench/proxy/Backend.java $BE > "$work/backend.log" 2>&1 &
bench_pids+=" $!"
bench_infra_start
for _ in $(seq 1 60); do grep -q "backend ready" "$work/backend.log" && break; sleep 1; done
grep -q "backend ready" "$work/backend.log" || { tail -40 "$work/backend.log"; exit 1; }
bench_gateway_start "--tta.gateway.proxy.routes.bench.paths[0]=/api/v1/players" \
  "--tta.gateway.proxy.routes.bench.instances[0]=http://127.0.0.1:$BE"
export TOKEN=$(curl -sf "http://localhost:$ISS/dev/token?sub=bench-patient&roles=patient&ttl=PT2H")
proxy="http://127.0.0.1:$GW/api/v1/players/p-1"; direct="http://127.0.0.1:$BE/api/v1/players/p-1"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$proxy")" = 200 ] || { echo "proxy route does not answer 200" >&2; tail -40 "$work/gateway.log"; exit 1; }
