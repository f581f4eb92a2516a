-- The readers of `make bench`'s newsroom workload (issue 12, bench/workload.py), for wrk.
--
-- wrk -s bench/newsroom.lua <url> -- <file>: each line of <file> is "<weight> <path>"; every
-- request picks a path at random in proportion to its weight. Counts the X-Cache header the
-- page cache sets (articles/caching/pages.py) and prints the totals of all threads at the end:
-- "X-Cache: hit N miss N stale N other N".

local threads = {}
local started = 0

function setup(thread)
  started = started + 1
  thread:set("number", started)
  table.insert(threads, thread)
end

function init(args)
  paths, cumulative, total = {}, {}, 0
  for line in io.lines(args[1]) do
    local weight, path = line:match("^(%S+)%s+(%S+)$")
    total = total + tonumber(weight)
    paths[#paths + 1] = path
    cumulative[#cumulative + 1] = total
  end
  math.randomseed(os.time() * 100 + number)
  hits, misses, stale, other = 0, 0, 0, 0
end

function request()
  -- The first path whose running total passes a random point: a binary search.
  local point, low, high = math.random() * total, 1, #cumulative
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < point then low = middle + 1 else high = middle end
  end
  return wrk.format("GET", paths[low])
end

function response(status, headers, body)
  local label = headers["X-Cache"]
  if label == "hit" then
    hits = hits + 1
  elseif label == "miss" then
    misses = misses + 1
  elseif label == "stale" then
    stale = stale + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local hit, miss, old, rest = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    hit = hit + thread:get("hits")
    miss = miss + thread:get("misses")
    old = old + thread:get("stale")
    rest = rest + thread:get("other")
  end
  io.write(string.format("X-Cache: hit %d miss %d stale %d other %d\n", hit, miss, old, rest))
end
