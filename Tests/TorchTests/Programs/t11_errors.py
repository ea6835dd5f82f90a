# The errors a learner meets, with PyTorch's messages.
import torch
import torch.nn as nn
import torch.nn.functional as F

model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
try:
    model.load_state_dict({"0.weight": torch.zeros(3, 4)})
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    F.cross_entropy(torch.randn(3, 5), torch.tensor([1.0, 2.0, 0.0]))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    model(torch.ones(2, 5))
except RuntimeError as e:
    print("RuntimeError:", e)
x = torch.ones(2, requires_grad=True)
loss = (x * x).sum()
loss.backward()
try:
    loss.backward()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    (x * 2).backward()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.ones(2).sum().backward()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    x.add_(1)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.tensor([1, 2], requires_grad=True)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.ones(2, 3) + torch.ones(4)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.ones(6).view(4)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.ones(3)[5]
except IndexError as e:
    print("IndexError:", e)
try:
    torch.ones(2, 3) @ torch.ones(2, 3)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.ones(3).item()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    F.nll_loss(torch.randn(3, 4), torch.tensor([0, 1]))
except ValueError as e:
    print("ValueError:", e)
a = torch.ones(3, requires_grad=True)
b = a.exp()
c = b * 2
b.mul_(2)
try:
    (b * b).sum().backward()
    c.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", str(e).split(" Hint:")[0])
try:
    torch.ones(2).to("cuda")
except Exception as e:
    print(type(e).__name__)
print("done")
