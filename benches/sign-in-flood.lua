-- wrk script of benches/sign-in-flood.sh: wrong passwords for random addresses, each from a
-- client of its own (a random X-Forwarded-For from the documentation prefix 2001:db8::/32),
-- so that no throttle stops them and every request costs a password hash.
local csrf = os.getenv("CSRF")
wrk.method = "POST"

function setup(thread)
  threads = threads or {}
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + math.random(1, 100000))
  answered = {}
end

function request()
  local client = string.format("2001:db8:%x:%x::%x", math.random(0, 65535), math.random(0, 65535), math.random(1, 65535))
  local body = "csrf=" .. csrf .. "&email=flood" .. math.random(1, 100000000) ..
    "%40example.com&password=not+the+right+password"
  -- (wrk.format's headers replace wrk.headers: every header goes here.)
  local headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrf=" .. csrf,
    ["X-Forwarded-For"] = client,
  }
  return wrk.format(nil, nil, headers, body)
end

function response(status, headers, body)
  local key = "s" .. status
  _G[key] = (_G[key] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for _, status in ipairs({ 200, 303, 400, 401, 403, 422, 429, 500, 503 }) do
      local n = thread:get("s" .. status)
      if n then totals[status] = (totals[status] or 0) + n end
    end
  end
  local line = "answers by status:"
  for status, n in pairs(totals) do line = line .. " " .. status .. "=" .. n end
  print(line)
end
