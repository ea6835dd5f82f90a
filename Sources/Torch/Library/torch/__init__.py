"""torch: tensors, autograd, and the libraries built on them.

The tensor type and the operations on it are native: importing torch._C fills this module
with them (torch.tensor, torch.zeros, torch.float32, ...). The rest is Python you can step
into, imported here as PyTorch imports it.
"""
import torch._C
import torch.autograd
from torch.autograd.grad_mode import no_grad, enable_grad, set_grad_enabled, inference_mode
import torch.nn
import torch.optim
import torch.utils.data
