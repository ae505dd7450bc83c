-- wrk script: cycles through the request paths in $WRK_LINES (one per line), with an optional bearer token.
local paths = {}
for line in io.lines(os.getenv("WRK_LINES")) do paths[#paths + 1] = line end
local token = os.getenv("WRK_TOKEN") or ""
local headers = {}
if token ~= "" then headers["Authorization"] = "Bearer " .. token end
local i = math.random(#paths)

request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], headers)
end

done = function(summary, latency, requests)
  io.write(string.format("JSON {\"requests\": %d, \"seconds\": %.3f, \"non2xx\": %d, \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"errors\": %d}\n",
    summary.requests, summary.duration / 1e6, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
