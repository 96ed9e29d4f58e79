-- wrk script: authenticated message posts (~1 KiB JSON) to one of several sessions.
-- Environment: TOKENS_FILE (lines "sessionId token"), written by run.sh.
local pairs_ = {}
local body = '{"text":"' .. string.rep("I am feeling a bit better today and want to talk about the week. ", 15) .. '"}'

function init(args)
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    local session, token = line:match("^(%S+) (%S+)$")
    if session then table.insert(pairs_, {session, token}) end
  end
end

local i = 0
function request()
  i = i + 1
  local p = pairs_[(i % #pairs_) + 1]
  return wrk.format("POST", "/api/v1/sessions/" .. p[1] .. "/messages",
    {["Authorization"] = "Bearer " .. p[2], ["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  -- errors.status counts answers >= 400 (a 429 or 503 is not a served request)
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f requests=%d errors=%d status_errors=%d\n",
    summary.requests / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    summary.errors.status))
end
