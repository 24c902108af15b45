-- Each connection waits SHOP_BENCH_DELAY_MS after every answer: a steady rate below saturation.
local pause = tonumber(os.getenv("SHOP_BENCH_DELAY_MS") or "0")

function delay()
  return pause
end
