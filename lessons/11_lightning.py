"""Lesson 11 — the same loop, written once: Lightning.

A LightningModule is an nn.Module that also says how to train itself: training_step
returns the loss, configure_optimizers returns the optimizer. The Trainer runs the loop of
lesson 2 for you. Step into trainer.fit(...) to find it: model.train(), training_step,
zero_grad, backward, step, then a validation pass under no_grad.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
import lightning as L
from torch.utils.data import DataLoader, TensorDataset
from lessonlib import load_digits


class DigitClassifier(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))

    def forward(self, x):
        return self.net(x)

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.cross_entropy(self(x), y)
        # graph: loss
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        acc = (self(x).argmax(dim=1) == y).float().mean()
        self.log("val_acc", acc)

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=0.2, momentum=0.9)


X, y = load_digits()
torch.manual_seed(0)
train = DataLoader(TensorDataset(X[:1400], y[:1400]), batch_size=50, shuffle=True)
val = DataLoader(TensorDataset(X[1400:], y[1400:]), batch_size=100)
model = DigitClassifier()
trainer = L.Trainer(max_epochs=3, enable_progress_bar=False, logger=False,
                    enable_checkpointing=False, enable_model_summary=False)
trainer.fit(model, train, val)
print(f"epochs {trainer.current_epoch}, optimizer steps {trainer.global_step}")
print(f"val_acc {trainer.callback_metrics['val_acc'].item():.4f}")
