-- wrk script of ./bench: POSTs a decision request with a requestId unique per run, thread and
-- request, so that every request is a new decision (evaluated and durably stored), never an
-- idempotent repeat. wrk's Lua starts every run with the same random state, so the ids come from
-- the run id the caller passes (clock and pid) and the thread number setup() hands out.
-- usage: wrk ... -s decisions.lua URL -- BODY_FILE RUN_ID API_KEY
local threads = {}
local counter = 0
local template, prefix, key

function setup(thread)
  thread:set("thread_no", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  template = file:read("*a")
  file:close()
  prefix = "bench-" .. args[2] .. "-t" .. tostring(thread_no) .. "-"
  key = args[3]
end

function request()
  counter = counter + 1
  local body = string.gsub(template, '"requestId"%s*:%s*"[^"]*"', '"requestId": "' .. prefix .. counter .. '"', 1)
  return wrk.format("POST", "/api/v1/decisions",
    { ["Content-Type"] = "application/json", ["X-Api-Key"] = key }, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
    .. '"max_us": %d, "non2xx": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout))
end
