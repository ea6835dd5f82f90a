"""Five tensors without a gradient, each for a different reason."""
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(2, 1)
unused = nn.Parameter(torch.ones(2))
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
y = torch.tensor([[1.0], [0.0]])
optimizer = torch.optim.SGD(list(model.parameters()) + [unused], lr=0.1)
frozen = model.weight.detach()
with torch.no_grad():
    scaled = model.weight * 2
hidden = model(x)
loss = ((hidden - y) ** 2).mean()
loss.backward()
optimizer.zero_grad()
loss = ((model(x) - y) ** 2).mean()
loss.backward()
optimizer.zero_grad(set_to_none=False)
print(loss.item())
