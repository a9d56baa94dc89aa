-- wrk script for scripts/load.py: cycles through the paths in LOAD_PATHS (one per line), sends
-- them as the TLS proxy in front of gunicorn would, and counts answers by status class.
local paths = {}
for path in string.gmatch(os.getenv("LOAD_PATHS") or "/", "[^\n]+") do
  table.insert(paths, path)
end
local headers = { ["X-Forwarded-Proto"] = "https", ["Accept-Encoding"] = "gzip" }
local threads = {}
local next_path = 0
-- A global: done() reads each thread's copy with thread:get().
by_class = { 0, 0, 0, 0, 0 }

function setup(thread)
  table.insert(threads, thread)
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path], headers)
end

function response(status)
  local class = math.floor(status / 100)
  by_class[class] = (by_class[class] or 0) + 1
end

function done(summary, latency)
  local counts = { 0, 0, 0, 0, 0 }
  for _, thread in ipairs(threads) do
    local theirs = thread:get("by_class")
    for class = 1, 5 do
      counts[class] = counts[class] + (theirs[class] or 0)
    end
  end
  local errors = summary.errors
  io.write(string.format(
    "LOAD_SUMMARY requests=%d duration_us=%d bytes=%d 2xx=%d 3xx=%d 4xx=%d 5xx=%d " ..
    "connect=%d read=%d write=%d timeout=%d mean_us=%.0f p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, summary.bytes, counts[2], counts[3], counts[4],
    counts[5], errors.connect, errors.read, errors.write, errors.timeout, latency.mean,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
