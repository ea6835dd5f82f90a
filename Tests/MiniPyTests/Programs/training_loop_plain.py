
xs = [i / 10 for i in range(20)]
ys = [2.0 * x + 1.0 for x in xs]
w, b = 0.0, 0.0
lr = 0.1
for epoch in range(50):
    gw = gb = 0.0
    loss = 0.0
    for x, y in zip(xs, ys):
        pred = w * x + b
        err = pred - y
        loss += err * err
        gw += 2 * err * x
        gb += 2 * err
    n = len(xs)
    w -= lr * gw / n
    b -= lr * gb / n
    if epoch % 10 == 0:
        print(f"epoch {epoch:2d} loss {loss / n:.6f} w {w:.4f} b {b:.4f}")
print(round(w, 3), round(b, 3))
