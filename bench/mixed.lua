-- wrk script: cycles through the requests in $WRK_LINES, one per line: "GET <path>" or "POST <path> <form
-- body>". Form POSTs carry the CSRF cookie $WRK_CSRF (the same 32-character secret is in each body), as a
-- browser that loaded the form would. Prints the same JSON line as paths.lua.
local lines = {}
for line in io.lines(os.getenv("WRK_LINES")) do lines[#lines + 1] = line end
local csrf = os.getenv("WRK_CSRF") or ""
local i = math.random(#lines)

request = function()
  i = i % #lines + 1
  local method, path, body = lines[i]:match("^(%S+) (%S+) ?(.*)$")
  if method == "POST" then
    return wrk.format("POST", path, {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Cookie"] = "csrftoken=" .. csrf,
    }, body)
  end
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  io.write(string.format("JSON {\"requests\": %d, \"seconds\": %.3f, \"non2xx\": %d, \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"errors\": %d}\n",
    summary.requests, summary.duration / 1e6, summary.errors.status,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
