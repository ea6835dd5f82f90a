"""Lesson 6 — learning-rate schedulers.

A big learning rate moves fast early; a small one settles late. A scheduler changes the
optimizer's lr as training goes: call scheduler.step() once per epoch, after
optimizer.step(). First the hand-written way, then StepLR doing the same, then a cosine
curve, then ReduceLROnPlateau, which lowers the lr only when the validation loss stops
improving.
"""
import torch
from torch.optim.lr_scheduler import CosineAnnealingLR, ReduceLROnPlateau, StepLR

p = torch.zeros(1, requires_grad=True)

# By hand: halve the lr every 3 epochs by writing into the optimizer's param_groups.
optimizer = torch.optim.SGD([p], lr=0.1)
by_hand = []
for epoch in range(9):
    if epoch > 0 and epoch % 3 == 0:
        for group in optimizer.param_groups:
            group["lr"] = group["lr"] * 0.5
    by_hand.append(round(optimizer.param_groups[0]["lr"], 6))
print("by hand ", by_hand)

# StepLR does exactly that.
optimizer = torch.optim.SGD([p], lr=0.1)
scheduler = StepLR(optimizer, step_size=3, gamma=0.5)
stepped = []
for epoch in range(9):
    stepped.append(round(scheduler.get_last_lr()[0], 6))
    optimizer.step()
    scheduler.step()
print("StepLR  ", stepped)

# Cosine annealing: a smooth curve from 0.1 down to eta_min over T_max epochs.
optimizer = torch.optim.SGD([p], lr=0.1)
scheduler = CosineAnnealingLR(optimizer, T_max=8, eta_min=0.001)
curve = []
for epoch in range(9):
    curve.append(round(optimizer.param_groups[0]["lr"], 4))
    optimizer.step()
    scheduler.step()
print("cosine  ", curve)
for lr in curve:
    print(f"{lr:6.4f} " + "#" * int(lr * 400))

# ReduceLROnPlateau watches a metric: after `patience` epochs without improvement it
# multiplies the lr by `factor`.
optimizer = torch.optim.SGD([p], lr=0.1)
scheduler = ReduceLROnPlateau(optimizer, mode="min", factor=0.5, patience=1)
for epoch, val_loss in enumerate([0.9, 0.7, 0.71, 0.72, 0.6, 0.61, 0.62, 0.63]):
    scheduler.step(val_loss)
    print(f"epoch {epoch}: val_loss {val_loss:.2f}  lr {optimizer.param_groups[0]['lr']:.4f}")
