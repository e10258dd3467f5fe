def main():
    parts = []
    for i in range(1000000):
        parts.append(f"item{i % 100};")
    text = "".join(parts)
    print(len(text))
