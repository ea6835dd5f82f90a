# A hand-written loss whose backward is the script's last line: `np` from the loss must stop
# before `loss.backward()`, though no line follows it to notice the new phase.
import torch
w = torch.ones(3, requires_grad=True)
x = torch.tensor([1.0, 2.0, 3.0])
pred = w * x
loss = (pred.sum() - 1.0) ** 2
loss.backward()
