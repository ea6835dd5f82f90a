"""Helpers shared by the lessons: plain Python that runs under CPython and under GradStep."""
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))


def load_digits():
    """The digits data set: X (1797 x 64 floats in [0, 1]) and y (1797 class ids)."""
    rows = []
    with open(os.path.join(HERE, "data", "digits.csv")) as f:
        for line in f:
            rows.append([float(v) for v in line.strip().split(",")])
    X = torch.tensor([r[:64] for r in rows]) / 16.0
    y = torch.tensor([int(r[64]) for r in rows])
    return X, y


def show(name, value):
    """Print a labelled value, one per line, so the numbers line up in the lesson's output."""
    print(f"{name:>14}: {value}")
