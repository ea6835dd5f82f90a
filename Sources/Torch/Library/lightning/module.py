"""LightningModule: an nn.Module that also says how to train itself."""
import torch
from torch import nn


class LightningModule(nn.Module):
    """Define training_step, configure_optimizers and (optionally) validation/test steps."""

    def __init__(self, *args, **kwargs):
        super().__init__()
        self.trainer = None
        self._logged = {}

    def training_step(self, batch, batch_idx):
        raise NotImplementedError("`training_step` must be implemented to be used with the Lightning Trainer")

    def configure_optimizers(self):
        raise NotImplementedError("`configure_optimizers` must be implemented to be used with the Lightning Trainer")

    def log(self, name, value, prog_bar=False, logger=None, on_step=None, on_epoch=None,
            reduce_fx="mean", sync_dist=False, batch_size=None, **kwargs):
        """Record a metric; the Trainer averages what is logged over each epoch."""
        if isinstance(value, torch.Tensor):
            value = value.detach()
            if value.numel() != 1:
                raise ValueError(
                    f"`self.log({name}, {value})` was called, but the tensor must have a single element."
                )
            value = value.item()
        if self.trainer is not None:
            self.trainer._record(name, float(value), batch_size, on_step, on_epoch)

    def log_dict(self, dictionary, **kwargs):
        for name, value in dictionary.items():
            self.log(name, value, **kwargs)

    def save_hyperparameters(self, *args, **kwargs):
        self.hparams = dict(kwargs)
