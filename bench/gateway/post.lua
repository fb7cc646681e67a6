-- wrk script: POST one generation request. BENCH_KEY carries the bearer key (empty: none).
wrk.method = "POST"
wrk.body = '{"model":"gpt-image-2","prompt":"a paper boat on calm water","quality":"low"}'
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("BENCH_KEY")
if key ~= nil and key ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. key
end
local extra = os.getenv("BENCH_HEADERS")
if extra ~= nil and extra ~= "" then
  for pair in string.gmatch(extra, "[^;]+") do
    local name, value = string.match(pair, "^%s*([^:]+):%s*(.*)$")
    wrk.headers[name] = value
  end
end
