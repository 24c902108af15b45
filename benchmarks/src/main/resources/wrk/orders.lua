-- POST /api/orders: one of SHOP_BENCH_PRODUCTS, quantity 1, as the customer of SHOP_BENCH_TOKEN,
-- each with an Idempotency-Key of its own. Counts the answers by status for the report.
local token = os.getenv("SHOP_BENCH_TOKEN")
local run = os.getenv("SHOP_BENCH_RUN")
local pause = tonumber(os.getenv("SHOP_BENCH_DELAY_MS") or "0")
local products = {}
for product in string.gmatch(os.getenv("SHOP_BENCH_PRODUCTS"), "%d+") do
  products[#products + 1] = product
end
local threads = {}
local sent = 0

function setup(thread)
  thread:set("thread_number", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  created, conflict, other = 0, 0, 0
end

function request()
  sent = sent + 1
  local product = products[(sent % #products) + 1]
  return wrk.format("POST", "/api/orders", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = run .. "-" .. thread_number .. "-" .. sent,
  }, '{"items":[{"productId":' .. product .. ',"quantity":1}]}')
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status == 409 then
    conflict = conflict + 1
  else
    other = other + 1
  end
end

function delay()
  return pause
end

function done(summary, latency, requests)
  local c, k, o = 0, 0, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("created")
    k = k + thread:get("conflict")
    o = o + thread:get("other")
  end
  io.write(string.format("STATUS 201=%d 409=%d other=%d\n", c, k, o))
end
