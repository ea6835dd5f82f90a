import engine

w = engine.leaf([1.0, 2.0, 3.0])
x = engine.tensor([0.5, -1.0, 2.0])
loss = engine.fanin_loss(w, x)
engine.backward(loss)
g = engine.grad(w)
done = True
