def make(d):
    return (make(d - 1), make(d - 1)) if d > 0 else (None, None)

def check(t):
    left, right = t
    return 1 if left is None else 1 + check(left) + check(right)

def main():
    max_depth = 14
    stretch = check(make(max_depth + 1))
    long_lived = make(max_depth)
    total = 0
    d = 4
    while d <= max_depth:
        iterations = 1 << (max_depth - d + 4)
        for _ in range(iterations):
            total += check(make(d))
        d += 2
    print(f"{stretch} {total} {check(long_lived)}")
