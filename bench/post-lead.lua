-- wrk script: every request POSTs a new lead with a unique address as the demo user webform.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic d2ViZm9ybTp3ZWJmb3Jt"
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  math.randomseed(os.time() + id)
end

request = function()
  counter = counter + 1
  local body = string.format(
    '{"name":"Load Test","email":"load.%d.%d.%d@example.org","source":"website","companySize":120,"budget":8000,"marketingConsent":true}',
    id, counter, math.random(1, 1000000000))
  return wrk.format(nil, "/api/leads", nil, body)
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors(non-2xx/socket) %d/%d, %.0f requests/s\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6)))
  io.write(string.format("latency ms: p50 %.1f  p95 %.1f  p99 %.1f  max %.1f\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
