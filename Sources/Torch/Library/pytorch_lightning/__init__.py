"""pytorch_lightning: the older name of lightning."""
from lightning import LightningModule, Trainer, seed_everything
