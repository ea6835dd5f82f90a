"""torch.nn.Parameter: a tensor that a Module registers as one of its parameters.

The class itself is native (it is a kind of Tensor); this module gives it its PyTorch home.
"""
import torch

Parameter = torch._C.Parameter
