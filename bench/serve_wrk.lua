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
-- 64 clients need not saturate the machine). All connections start together and wait the same
-- time, so they keep sending in bursts of all of them at once. WRK_JITTER=1 makes each wait
-- uniform in [0, 2 * WRK_DELAY_MS] (the same mean) instead: clients that act independently.
local pause = tonumber(os.getenv("WRK_DELAY_MS") or "")
local jitter = os.getenv("WRK_JITTER") == "1"
if pause and pause > 0 then
  if jitter then
    delay = function()
      return math.random(0, 2 * pause)
    end
  else
    delay = function()
      return pause
    end
  end
end

-- Each wrk thread has its own Lua state: seed each differently.
function setup(thread)
  thread:set("seed", math.random(1, 1000000000))
end
function init(args)
  if seed then
    math.randomseed(seed + os.time())
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
