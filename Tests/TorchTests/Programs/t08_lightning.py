# A LightningModule trained by a Trainer: the loop of lesson 2, written once.
import torch
import torch.nn as nn
import torch.nn.functional as F
import lightning as L
from torch.utils.data import DataLoader, TensorDataset


class Regressor(L.LightningModule):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1))

    def forward(self, x):
        return self.net(x)

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = F.mse_loss(self(x), y)
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        self.log("val_loss", F.mse_loss(self(x), y))

    def test_step(self, batch, batch_idx):
        x, y = batch
        self.log("test_loss", F.mse_loss(self(x), y))

    def configure_optimizers(self):
        opt = torch.optim.SGD(self.parameters(), lr=0.1)
        return [opt], [torch.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)]


torch.manual_seed(0)
x = torch.randn(64, 2)
y = (x[:, :1] * 2 - x[:, 1:]).tanh()
train = DataLoader(TensorDataset(x[:48], y[:48]), batch_size=16)
val = DataLoader(TensorDataset(x[48:], y[48:]), batch_size=16)
model = Regressor()
trainer = L.Trainer(max_epochs=4, enable_progress_bar=False, logger=False, enable_checkpointing=False, enable_model_summary=False)
trainer.fit(model, train, val)
print(trainer.current_epoch, trainer.global_step)
print({k: round(v.item(), 5) for k, v in trainer.callback_metrics.items()})
print(trainer.optimizers[0].param_groups[0]["lr"])
print(model.net[0].weight.grad is None)
result = trainer.test(model, val)
print(trainer.validate(model, val, verbose=False))
print([{k: round(v, 5) for k, v in r.items()} for r in result])
print(model.net[0].weight.grad is None)
