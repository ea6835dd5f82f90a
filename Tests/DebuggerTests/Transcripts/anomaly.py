"""NaN in forward, then NaN made only in backward."""
import torch

x = torch.tensor([4.0, 0.0, -1.0], requires_grad=True)
roots = torch.sqrt(x)
total = roots.sum()
total.backward()
print(x.grad)
y = torch.tensor([4.0, 0.0, 1.0], requires_grad=True)
z = torch.sqrt(y) * 0.0
s = z.sum()
s.backward()
print(y.grad)
