"""Lesson 4 — focal loss and label smoothing, as a competition baseline writes them.

Plain cross-entropy keeps pushing on examples the model already gets right. Focal loss
multiplies each example's loss by (1 - p)^gamma, where p is the probability the model gives
the right class: confident, correct examples then contribute almost nothing, and the rare,
hard ones dominate. Label smoothing replaces the one-hot target [0, 1, 0, 0] by
[0.025, 0.925, 0.025, 0.025] (smoothing 0.1), so the model is never told to be 100% sure.
Both are ordinary nn.Modules with a forward().
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class FocalLoss(nn.Module):
    def __init__(self, gamma=2.0):
        super().__init__()
        self.gamma = gamma

    def forward(self, logits, target):
        log_prob = F.log_softmax(logits, dim=-1)
        prob = torch.exp(log_prob)
        # (1 - p) ** gamma shrinks the loss of examples the model already gets right.
        return F.nll_loss(((1 - prob) ** self.gamma) * log_prob, target)


class LabelSmoothingLoss(nn.Module):
    def __init__(self, classes, smoothing=0.1):
        super().__init__()
        self.classes = classes
        self.smoothing = smoothing

    def forward(self, logits, target):
        log_prob = F.log_softmax(logits, dim=-1)
        # Spread `smoothing` over all classes; the right class keeps the rest.
        soft = torch.full_like(log_prob, self.smoothing / self.classes)
        soft.scatter_(1, target.unsqueeze(1), 1 - self.smoothing + self.smoothing / self.classes)
        return -(soft * log_prob).sum(dim=-1).mean()


# Three examples: an easy one the model gets right, an uncertain one, and a wrong one.
logits = torch.tensor([[4.0, 0.0, 0.0, 0.0], [0.5, 0.4, 0.3, 0.2], [0.0, 3.0, 0.0, 0.0]], requires_grad=True)
target = torch.tensor([0, 1, 2])
print("p(right class):", F.softmax(logits, dim=1).gather(1, target.unsqueeze(1)).squeeze(1))

for name, criterion in [("cross-entropy", nn.CrossEntropyLoss()), ("focal", FocalLoss(gamma=2.0))]:
    logits.grad = None
    loss = criterion(logits, target)
    loss.backward()
    # graph: loss --grads
    # Gradient size per example: focal loss leaves the easy first example almost alone.
    print(f"{name:14} loss {loss.item():.4f}  grad per example {logits.grad.norm(dim=1)}")

smooth = LabelSmoothingLoss(classes=4, smoothing=0.1)
print(f"smoothed target for class 1: {torch.full((4,), 0.1 / 4).scatter_(0, torch.tensor([1]), 0.925)}")
print(f"ours {smooth(logits, target).item():.4f}  PyTorch's {F.cross_entropy(logits, target, label_smoothing=0.1).item():.4f}")
