-- wrk script for bench/serve_bench.py: POSTs WRK_BODY (JSON) with WRK_AUTH as Authorization,
-- then prints its counts and latency percentiles (microseconds) as one JSON line.
wrk.method = "POST"
wrk.body = os.getenv("WRK_BODY")
wrk.headers["Content-Type"] = "application/json"
local auth = os.getenv("WRK_AUTH")
if auth and auth ~= "" then
  wrk.headers["Authorization"] = auth
end

-- WRK_DELAY_MS: each connection waits this long between its requests (a paced client, so that
-- 64 clients need not saturate the machine).
local pause = tonumber(os.getenv("WRK_DELAY_MS") or "")
if pause and pause > 0 then
  delay = function()
    return pause
  end
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"p50":%d,"p90":%d,"p99":%d,"mean":%.1f,"max":%d,"errors":%d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.mean, latency.max,
    e.connect + e.read + e.write + e.status + e.timeout))
end
