"""Lesson 3 — the loss is a module too.

`criterion = nn.CrossEntropyLoss()` is an nn.Module, just like the model: calling it runs
its forward(). So model and loss form one chain of grad_fn nodes from the input to a single
number, and backward() walks that whole chain. CrossEntropyLoss is LogSoftmax followed by
NLLLoss: you can see both in the tree.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(1)
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 3))
criterion = nn.CrossEntropyLoss()
print(isinstance(criterion, nn.Module), criterion)

x = torch.tensor([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]])
labels = torch.tensor([2, 0])

# The criterion's forward is F.cross_entropy: log_softmax, then the negative log-likelihood
# of the right class, averaged over the batch.
logits = model(x)
loss = criterion(logits, labels)
# graph: loss
by_hand = F.nll_loss(F.log_softmax(logits, dim=1), labels)
print(f"{loss.item():.6f} {by_hand.item():.6f}")


def tree(node, depth=0):
    # Print the grad_fn tree: each node, then what it sends gradients to.
    if node is None:
        print("  " * depth + "None (needs no gradient)")
        return
    name = type(node).__name__
    if name == "AccumulateGrad":
        name += f"  -> .grad of a {tuple(node.variable.shape)} parameter"
    print("  " * depth + name)
    for child, _ in node.next_functions:
        tree(child, depth + 1)


# From the loss down to every parameter: NllLossBackward0 and LogSoftmaxBackward0 come
# from the criterion, AddmmBackward0 / ReluBackward0 / TBackward0 from the model.
tree(loss.grad_fn)
loss.backward()
for name, p in model.named_parameters():
    print(f"{name:10} grad norm {p.grad.norm().item():.4f}")
