-- wrk script: CloudEvents batch ingest for services: POST /api/v1/events with 100 structured events of about
-- 1 KiB each (application/cloudevents-batch+json), spread over several sessions.
-- Environment: TOKEN (an events:publish token), SESSIONS_FILE (one session id a line), BATCH (events, default 100).
local token = os.getenv("TOKEN")
local size = tonumber(os.getenv("BATCH") or "100")
local filler = string.rep("The narrative engine advances the scene by one turn. ", 18)
local bodies = {}

function init(args)
  for session in io.lines(os.getenv("SESSIONS_FILE")) do
    local events = {}
    for i = 1, size do
      events[i] = string.format(
        '{"specversion":"1.0","type":"org.tta.narrative.scene.v1","subject":"%s","data":{"turn":%d,"text":"%s"}}',
        session, i, filler)
    end
    table.insert(bodies, "[" .. table.concat(events, ",") .. "]")
  end
end

local n = 0
function request()
  n = n + 1
  return wrk.format("POST", "/api/v1/events",
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/cloudevents-batch+json"},
    bodies[(n % #bodies) + 1])
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.1f events_per_s=%.1f p50_ms=%.2f p99_ms=%.2f requests=%d status_errors=%d\n",
    summary.requests / secs, (summary.requests - summary.errors.status) * size / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests, summary.errors.status))
end
