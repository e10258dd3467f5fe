local parts = {}
for i = 0, 999999 do
  parts[#parts + 1] = "item" .. (i % 100) .. ";"
end
local text = table.concat(parts)
print(#text)
