-- wrk script for signed agent requests: each request takes the next pre-signed token from
-- TOKENS (one per line; a token is good for one request only, the server refuses replays).
-- Environment: TOKENS (file), METHOD, REQUEST_PATH, BODY (may be empty), THREADS.
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  tokens = {}
  local n = tonumber(os.getenv("THREADS"))
  local i = 0
  for line in io.lines(os.getenv("TOKENS")) do
    -- Thread k takes lines k, k+n, k+2n, ...: no two threads share a token.
    if i % n == id then
      table.insert(tokens, line)
    end
    i = i + 1
  end
  next_token = 1
  method = os.getenv("METHOD")
  path = os.getenv("REQUEST_PATH")
  body = os.getenv("BODY")
  if body == "" then body = nil end
end

function request()
  local token = tokens[next_token]
  if token == nil then
    -- Out of tokens: reuse the last one; the server answers 401 (replay) and wrk counts a non-2xx.
    token = tokens[#tokens]
  else
    next_token = next_token + 1
  end
  local headers = { ["Authorization"] = "Agent " .. token, ["X-Tenantra-Protocol"] = "1.0" }
  if body then headers["Content-Type"] = "application/json" end
  return wrk.format(method, path, headers, body)
end
