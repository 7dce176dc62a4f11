-- The request mix of scripts/side-by-side.ts: one "path<TAB>cookie" line after another, each wrk thread from its own offset.
local lines = {}
local idx = 0
init = function(args)
  for line in io.lines(args[1]) do table.insert(lines, line) end
  idx = math.random(#lines)
end
request = function()
  idx = idx % #lines + 1
  local path, cookie = lines[idx]:match("([^\t]*)\t(.*)")
  return wrk.format("GET", path, { ["Cookie"] = cookie, ["Accept-Encoding"] = "identity" })
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT req=%d errors=%d p50=%.1f p99=%.1f bytes=%d\n", summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, latency:percentile(50)/1000, latency:percentile(99)/1000, summary.bytes))
end
