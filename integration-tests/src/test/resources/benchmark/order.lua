-- orderRecord with a unique order id per request (run prefix, thread, counter) for a random
-- existing customer, of lines_per_order lines with random SKUs, categories, quantities and prices.
-- args: customer ids file, Authorization header, order id prefix, lines per order, placedAt,
-- max responses per thread.
local customers = {}
local headers
local prefix, lines_per_order, placed_at
local n = 0
local document = "mutation($in: OrderRecordInput!) { orderRecord(input: $in) {"
  .. " order { id pointsEarned } userErrors { field message code } } }"

function init(args)
  for id in io.lines(args[1]) do
    customers[#customers + 1] = id
  end
  headers = { ["Content-Type"] = "application/json", ["Authorization"] = args[2] }
  prefix = args[3]
  lines_per_order = tonumber(args[4])
  placed_at = args[5]
  max_per_thread = tonumber(args[6])
  math.randomseed(os.time() * 100 + tid)
end

function request()
  n = n + 1
  local lines = {}
  for i = 1, lines_per_order do
    lines[i] = string.format(
      '{"lineId":"%d","sku":"SKU-%d","category":"cat-%d","quantity":%d,"unitPrice":%d}',
      i, math.random(1, 500), math.random(1, 12), math.random(1, 3), math.random(199, 9999))
  end
  local body = string.format(
    '{"query":"%s","variables":{"in":{"id":"%s-%d-%d","customerId":"%s","placedAt":"%s","currency":"USD","lines":[%s]}}}',
    document, prefix, tid, n, customers[math.random(#customers)], placed_at, table.concat(lines, ","))
  return wrk.format("POST", "/graphql", headers, body)
end

function response(status, headers, body)
  count(status == 200 and string.find(body, '"userErrors":[]', 1, true) ~= nil
    and not string.find(body, '"errors"', 1, true))
end
