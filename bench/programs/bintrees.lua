local function make(d)
  if d > 0 then return {make(d - 1), make(d - 1)} end
  return {}
end
local function check(t)
  if t[1] == nil then return 1 end
  return 1 + check(t[1]) + check(t[2])
end
local max_depth = 14
local stretch = check(make(max_depth + 1))
local long_lived = make(max_depth)
local total = 0
local d = 4
while d <= max_depth do
  local iterations = 2 ^ (max_depth - d + 4)
  for _ = 1, iterations do total = total + check(make(d)) end
  d = d + 2
end
print(string.format("%d %d %d", stretch, total, check(long_lived)))
