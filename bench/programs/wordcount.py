def main():
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]
    seed = 42
    pieces = []
    for i in range(1000000):
        seed = (seed * 75 + 74) % 65537
        pieces.append(words[seed % 10])
    text = " ".join(pieces)
    counts = {}
    for w in text.split(" "):
        counts[w] = counts.get(w, 0) + 1
    print(f"{counts['alpha']} {counts['kappa']} {len(counts)}")
