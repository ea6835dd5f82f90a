# Autograd beyond backward(): hooks, retain_grad, autograd.grad, no_grad, custom Functions.
import torch

x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
h = x * 2
h.retain_grad()
seen = []
h.register_hook(lambda g: seen.append(g.clone()))
x.register_hook(lambda g: g * 10)
y = (h ** 2).sum()
y.backward()
print(h.grad, x.grad, seen)
print(h.is_leaf, h.retains_grad, x.is_leaf)
x.grad = None
z = (x ** 3).sum()
(g,) = torch.autograd.grad(z, x, create_graph=False)
print(g, x.grad)
w = torch.tensor([0.5, 0.5], requires_grad=True)
out = w * torch.tensor([2.0, 3.0])
out.backward(gradient=torch.tensor([1.0, -1.0]))
print(w.grad)


@torch.no_grad()
def predict(t):
    return t * 2


print(predict(x).requires_grad, torch.is_grad_enabled())
with torch.no_grad():
    print((x * 2).requires_grad)
    with torch.enable_grad():
        print((x * 2).requires_grad)
with torch.set_grad_enabled(False):
    print((x * 2).requires_grad)
with torch.inference_mode():
    print((x + 1).requires_grad)
d = x.detach()
print(d.requires_grad, d.is_leaf)


class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, inp):
        ctx.save_for_backward(inp)
        return inp * inp

    @staticmethod
    def backward(ctx, grad_output):
        (inp,) = ctx.saved_tensors
        return grad_output * 2 * inp


a = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
s = Square.apply(a)
print(s, type(s.grad_fn).__name__)
s.sum().backward()
print(a.grad)
acc = []
p = torch.tensor([1.0, 2.0], requires_grad=True)
p.register_post_accumulate_grad_hook(lambda t: acc.append(t.grad.clone()))
(p * 3).sum().backward()
(p * 3).sum().backward()
print(acc)
with torch.autograd.set_detect_anomaly(True):
    bad = torch.tensor([-1.0], requires_grad=True)
    try:
        bad.sqrt().sum().backward()
    except RuntimeError as e:
        print("RuntimeError:", e)
print(torch.autograd.gradcheck(lambda t: (t * t).sum(), (torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True),)))
