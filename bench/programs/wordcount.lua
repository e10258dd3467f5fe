local words = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"}
local seed = 42
local pieces = {}
for i = 0, 999999 do
  seed = (seed * 75 + 74) % 65537
  pieces[#pieces + 1] = words[seed % 10 + 1]
end
local text = table.concat(pieces, " ")
local counts, distinct = {}, 0
for w in string.gmatch(text, "[^ ]+") do
  if counts[w] == nil then distinct = distinct + 1; counts[w] = 0 end
  counts[w] = counts[w] + 1
end
print(counts["alpha"] .. " " .. counts["kappa"] .. " " .. distinct)
