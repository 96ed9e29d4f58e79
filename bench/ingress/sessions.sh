# Sourced by bench/ingress/run.sh and profile.sh after bench_stack_start: ingress_sessions creates SESSIONS sessions
# (a therapist's, one patient each) through the gateway and writes one "sessionId token" line per patient to
# $work/tokens, exported as TOKENS_FILE for post.lua and FixedRate.java.
ingress_sessions() {
  local therapist i user session token
  therapist=$(curl -sf "http://localhost:$ISS/dev/token?sub=bench-therapist&roles=therapist&ttl=PT2H")
  : > "$work/tokens"
  for i in $(seq 1 "$SESSIONS"); do
    user="bench-patient-$i"
    session=$(curl -sf -X POST "http://localhost:$GW/api/v1/sessions" -H "Authorization: Bearer $therapist" \
      -H 'Content-Type: application/json' \
      -d "{\"title\":\"bench $i\",\"participants\":[{\"subject\":\"$user\",\"role\":\"patient\"}]}" \
      | sed -E 's/.*"id":"([^"]+)".*/\1/')
    token=$(curl -sf "http://localhost:$ISS/dev/token?sub=$user&roles=patient&ttl=PT2H")
    echo "$session $token" >> "$work/tokens"
  done
  export TOKENS_FILE="$work/tokens"
}
