-- wrk script: POSTs the JSON bodies in $WRK_LINES (one per line) to $WRK_PATH in turn, each with a unique
-- Idempotency-Key ($WRK_RUN-<thread>-<n>) and an optional bearer token; prints the same JSON line as paths.lua.
local bodies = {}
for line in io.lines(os.getenv("WRK_LINES")) do bodies[#bodies + 1] = line end
local path = os.getenv("WRK_PATH")
local run = os.getenv("WRK_RUN") or tostring(os.time())
local token = os.getenv("WRK_TOKEN") or ""
local threads = 0
local i, n = 0, 0

function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

function init(args)
  i = (thread_id or 1) * 7919 % #bodies
end

request = function()
  i = i % #bodies + 1
  n = n + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("%s-%d-%d", run, thread_id or 0, n),
  }
  if token ~= "" then headers["Authorization"] = "Bearer " .. token end
  return wrk.format("POST", path, headers, bodies[i])
end

done = function(summary, latency, requests)
  io.write(string.format("JSON {\"requests\": %d, \"seconds\": %.3f, \"non2xx\": %d, \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"errors\": %d}\n",
    summary.requests, summary.duration / 1e6, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
