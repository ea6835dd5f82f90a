"""A small Lightning: LightningModule and a Trainer whose fit() is the hand-written loop."""
import torch
from lightning.module import LightningModule
from lightning.trainer import Trainer


def seed_everything(seed=None, workers=False):
    """Seed torch and Python's random module."""
    import random
    if seed is None:
        seed = 0
    random.seed(seed)
    torch.manual_seed(seed)
    return seed
