-- A POST per request for a random customer. args: customer ids file, path, body template (the
-- customer id replaces __ID__), Authorization header, max responses per thread.
local prepared = {}

function init(args)
  max_per_thread = tonumber(args[5])
  math.randomseed(os.time() * 100 + tid)
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = args[4] }
  for id in io.lines(args[1]) do
    local body = string.gsub(args[3], "__ID__", function() return id end)
    prepared[#prepared + 1] = wrk.format("POST", args[2], headers, body)
  end
end

function request()
  return prepared[math.random(#prepared)]
end

function response(status, headers, body)
  count(status == 200 and not string.find(body, '"errors"', 1, true))
end
