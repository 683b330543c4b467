-- wrk script: POSTs the API.md example request with a unique requestId per request, so every
-- request is a new decision (evaluated and stored), not an idempotent replay.
local counter = 0
local template

init = function(args)
  local file = assert(io.open(args[1], "r"))
  template = file:read("*a")
  file:close()
  prefix = "wrk-" .. tostring(math.random(1, 1000000000)) .. "-"
end

request = function()
  counter = counter + 1
  local body = string.gsub(template, '"requestId":%s*"[^"]*"', '"requestId": "' .. prefix .. counter .. '"', 1)
  return wrk.format("POST", "/api/v1/decisions", { ["Content-Type"] = "application/json" }, body)
end
