-- Shared by the benchmark's wrk scripts (prepended to each by StorefrontBenchmark): per-thread
-- counters, a stop after max_per_thread responses, and one machine-readable line at the end.
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

responses = 0
failures = 0
max_per_thread = 0

function count(ok)
  responses = responses + 1
  if not ok then
    failures = failures + 1
  end
  if max_per_thread > 0 and responses >= max_per_thread then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do
    failed = failed + t:get("failures")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"durationMicros":%d,"failures":%d,"socketErrors":%d,"p50Micros":%d,"p99Micros":%d}\n',
    summary.requests, summary.duration, failed + e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
