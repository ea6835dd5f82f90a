"""torch.autograd.Variable: the wrapper of PyTorch before 0.4; today every Tensor is one."""
import torch


def Variable(data, requires_grad=False, volatile=False):
    """A new leaf sharing `data`'s elements (what `Variable(t)` returns in PyTorch 2)."""
    result = data.detach()
    if requires_grad:
        result.requires_grad_(True)
    return result
