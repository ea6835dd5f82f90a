"""torch.autograd.graph: the type every backward node (grad_fn) is an instance of."""
import torch

Node = torch._C._autograd.Node


def increment_version(tensor):
    """Marks `tensor` as changed in place, as an in-place operation would."""
    torch._C._autograd._increment_version(tensor)
