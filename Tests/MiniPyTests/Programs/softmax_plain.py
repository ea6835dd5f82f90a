import math

logits = [2.0, 1.0, 0.1]
m = max(logits)
exps = [math.exp(v - m) for v in logits]
total = sum(exps)
probs = [e / total for e in exps]
print([round(p, 6) for p in probs])
print(f"{sum(probs):.6f}")
loss = -math.log(probs[0])
print(f"cross entropy {loss:.6f}")
print(math.sqrt(2), math.pi, math.e, math.floor(2.7), math.ceil(2.1), math.isclose(0.1 + 0.2, 0.3))
