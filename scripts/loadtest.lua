-- wrk script of scripts/loadtest.sh (issue #15). Reads the request from the environment:
--   LT_METHOD (GET), LT_BODY (file with the body), LT_CONTENT_TYPE, LT_COOKIE, LT_TOKEN (antiforgery header),
--   LT_THINK_MS (0: closed loop; otherwise each connection waits that long between its requests).
-- Prints one machine-readable line at the end: "LT requests=… rps=… p50=… p95=… p99=… non2xx=… errors=…" (ms).
local method = os.getenv("LT_METHOD") or "GET"
wrk.method = method
local cookie = os.getenv("LT_COOKIE")
if cookie and cookie ~= "" then
    wrk.headers["Cookie"] = cookie
end
local token = os.getenv("LT_TOKEN")
if token and token ~= "" then
    wrk.headers["RequestVerificationToken"] = token
end
local bodyFile = os.getenv("LT_BODY")
if bodyFile and bodyFile ~= "" then
    local f = assert(io.open(bodyFile, "rb"))
    wrk.body = f:read("*a")
    f:close()
    wrk.headers["Content-Type"] = os.getenv("LT_CONTENT_TYPE") or "application/json"
end

local think = tonumber(os.getenv("LT_THINK_MS") or "0") or 0
if think > 0 then
    function delay()
        -- 0.5× to 1.5× the think time, so that the users do not march in step.
        return math.random(math.floor(think / 2), math.floor(think * 3 / 2))
    end
end

function done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local non2xx = summary.errors.status
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format("LT requests=%d rps=%.1f p50=%.2f p95=%.2f p99=%.2f non2xx=%d errors=%d\n",
        summary.requests, summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
        non2xx, errors))
end
