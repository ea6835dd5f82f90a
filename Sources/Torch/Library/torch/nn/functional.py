"""torch.nn.functional: the functions behind the layers and losses.

Each function checks its arguments as PyTorch does and hands the arithmetic to a native
kernel (torch._C._nn), whose backward node is what the debugger walks.
"""
import math

import torch
from torch import _C

_nn = _C._nn

_REDUCTIONS = {"none": 0, "mean": 1, "sum": 2}


def _reduction_enum(reduction):
    if reduction in _REDUCTIONS:
        return _REDUCTIONS[reduction]
    raise ValueError(f"{reduction} is not a valid value for reduction")


def _resolve_reduction(size_average, reduce, reduction):
    if size_average is None and reduce is None:
        return reduction
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    if size_average and reduce:
        return "mean"
    return "sum" if reduce else "none"


# -- layers -----------------------------------------------------------------------------

def linear(input, weight, bias=None):
    """y = input @ weight.T + bias."""
    return _nn.linear(input, weight, bias)


def bilinear(input1, input2, weight, bias=None):
    raise NotImplementedError("bilinear is not available in gradstep")


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0,
              scale_grad_by_freq=False, sparse=False):
    """Rows of weight picked by the integer ids in input."""
    if padding_idx is not None:
        if padding_idx < 0:
            padding_idx = weight.size(0) + padding_idx
    else:
        padding_idx = -1
    return torch.embedding(weight, input, padding_idx, scale_grad_by_freq, sparse)


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """2-D convolution over (N, C, H, W) input."""
    return torch.conv2d(input, weight, bias, stride, padding, dilation, groups)


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False,
               return_indices=False):
    """The maximum of each window."""
    if stride is None:
        stride = kernel_size
    if return_indices:
        return _nn.max_pool2d_with_indices(input, kernel_size, stride, padding, dilation, ceil_mode)
    return torch.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False,
               count_include_pad=True, divisor_override=None):
    """The mean of each window."""
    if stride is None:
        stride = kernel_size
    return _nn.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad,
                          divisor_override)


def adaptive_avg_pool2d(input, output_size):
    """Average pooling to a fixed output size."""
    return _nn.adaptive_avg_pool2d(input, output_size)


def flatten(input, start_dim=0, end_dim=-1):
    return input.flatten(start_dim, end_dim)


def dropout(input, p=0.5, training=True, inplace=False):
    """Zero elements with probability p and scale the rest by 1/(1-p), when training."""
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")
    if inplace:
        return torch.dropout_(input, p, training)
    return torch.dropout(input, p, training)


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False,
               momentum=0.1, eps=1e-5):
    """Normalise each channel by its batch (training) or running (eval) statistics."""
    if training:
        size = input.size()
        count = 1
        for i in range(len(size)):
            if i != 1:
                count *= size[i]
        if count == 1:
            raise ValueError(f"Expected more than 1 value per channel when training, got input size {size}")
    return torch.batch_norm(input, weight, bias, running_mean, running_var, training, momentum, eps,
                            False)


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    """Normalise over the last len(normalized_shape) dimensions."""
    return torch.layer_norm(input, normalized_shape, weight, bias, eps)


def normalize(input, p=2.0, dim=1, eps=1e-12, out=None):
    """input / max(||input||_p, eps) along dim."""
    denom = input.norm(p, dim, keepdim=True).clamp_min(eps).expand_as(input)
    return input / denom


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    """Cosine of the angle between x1 and x2 along dim."""
    return _nn.cosine_similarity(x1, x2, dim, eps)


def pad(input, pad, mode="constant", value=None):
    """Pads the last dimensions; pad lists (left, right, top, bottom, ...)."""
    if mode != "constant":
        raise NotImplementedError(f"pad mode '{mode}' is not available in gradstep")
    return _nn.pad(input, pad, mode, 0.0 if value is None else value)


def one_hot(tensor, num_classes=-1):
    """Integer class ids to one-hot rows of length num_classes."""
    return _nn.one_hot(tensor, num_classes)


# -- activations ------------------------------------------------------------------------

def relu(input, inplace=False):
    """max(0, x)."""
    if inplace:
        return torch.relu_(input)
    return torch.relu(input)


def relu_(input):
    return torch.relu_(input)


def leaky_relu(input, negative_slope=0.01, inplace=False):
    """x if x >= 0 else negative_slope * x."""
    if inplace:
        return _nn.leaky_relu_(input, negative_slope)
    return _nn.leaky_relu(input, negative_slope)


def elu(input, alpha=1.0, inplace=False):
    """x if x > 0 else alpha * (exp(x) - 1)."""
    if inplace:
        return _nn.elu_(input, alpha)
    return _nn.elu(input, alpha)


def gelu(input, approximate="none"):
    """x * Phi(x); approximate='tanh' uses the tanh formula."""
    return _nn.gelu(input, approximate=approximate)


def silu(input, inplace=False):
    """x * sigmoid(x)."""
    if inplace:
        return _nn.silu_(input)
    return _nn.silu(input)


def sigmoid(input):
    return input.sigmoid()


def tanh(input):
    return input.tanh()


def softplus(input, beta=1.0, threshold=20.0):
    return _nn.softplus(input, beta, threshold)


def softmax(input, dim=None, _stacklevel=3, dtype=None):
    """exp(x) / sum(exp(x)) along dim."""
    if dim is None:
        dim = _implicit_softmax_dim(input.dim())
    if dtype is not None:
        input = input.to(dtype)
    return input.softmax(dim)


def log_softmax(input, dim=None, _stacklevel=3, dtype=None):
    """log(softmax(x)), computed stably."""
    if dim is None:
        dim = _implicit_softmax_dim(input.dim())
    if dtype is not None:
        input = input.to(dtype)
    return input.log_softmax(dim)


def _implicit_softmax_dim(ndim):
    # PyTorch's legacy choice when dim is left out (it also warns).
    return 0 if ndim in (0, 1, 3) else 1


# -- losses -----------------------------------------------------------------------------

def l1_loss(input, target, size_average=None, reduce=None, reduction="mean"):
    """Mean absolute error."""
    reduction = _resolve_reduction(size_average, reduce, reduction)
    return _nn.l1_loss(input, target, _reduction_enum(reduction))


def mse_loss(input, target, size_average=None, reduce=None, reduction="mean"):
    """Mean squared error."""
    reduction = _resolve_reduction(size_average, reduce, reduction)
    return _nn.mse_loss(input, target, _reduction_enum(reduction))


def smooth_l1_loss(input, target, size_average=None, reduce=None, reduction="mean", beta=1.0):
    """0.5 * d**2 / beta below beta, |d| - 0.5 * beta above."""
    reduction = _resolve_reduction(size_average, reduce, reduction)
    return _nn.smooth_l1_loss(input, target, _reduction_enum(reduction), beta)


def huber_loss(input, target, reduction="mean", delta=1.0):
    """0.5 * d**2 below delta, delta * (|d| - 0.5 * delta) above."""
    return _nn.huber_loss(input, target, _reduction_enum(reduction), delta)


def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
             reduction="mean"):
    """-input[i, target[i]], averaged (weighted) over the batch."""
    reduction = _resolve_reduction(size_average, reduce, reduction)
    return _nn.nll_loss_nd(input, target, weight, _reduction_enum(reduction), ignore_index)


def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100,
                  reduce=None, reduction="mean", label_smoothing=0.0):
    """log_softmax then nll_loss; target holds class ids or class probabilities."""
    reduction = _resolve_reduction(size_average, reduce, reduction)
    return _nn.cross_entropy_loss(input, target, weight, _reduction_enum(reduction),
                                  ignore_index, label_smoothing)


def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None,
                         reduction="mean"):
    """-(t * log(p) + (1 - t) * log(1 - p))."""
    reduction = _resolve_reduction(size_average, reduce, reduction)
    if target.size() != input.size():
        raise ValueError(
            f"Using a target size ({target.size()}) that is different to the input size "
            f"({input.size()}) is deprecated. Please ensure they have the same size."
        )
    if weight is not None:
        weight = weight.expand(input.size())
    return _nn.binary_cross_entropy(input, target, weight, _reduction_enum(reduction))


def binary_cross_entropy_with_logits(input, target, weight=None, size_average=None,
                                     reduce=None, reduction="mean", pos_weight=None):
    """Sigmoid and binary cross-entropy in one stable step."""
    reduction = _resolve_reduction(size_average, reduce, reduction)
    if not (target.size() == input.size()):
        raise ValueError(
            f"Target size ({target.size()}) must be the same as input size ({input.size()})"
        )
    return torch.binary_cross_entropy_with_logits(input, target, weight, pos_weight,
                                                  _reduction_enum(reduction))


def kl_div(input, target, size_average=None, reduce=None, reduction="mean", log_target=False):
    """Kullback-Leibler divergence of target from input (input holds log-probabilities)."""
    reduction = _resolve_reduction(size_average, reduce, reduction)
    if reduction == "mean":
        # PyTorch warns that 'mean' divides by every element, not by the batch size.
        reduction_enum = 1
    elif reduction == "batchmean":
        reduction_enum = 2
    else:
        reduction_enum = _reduction_enum(reduction)
    result = torch.kl_div(input, target, reduction_enum, log_target=log_target)
    if reduction == "batchmean" and input.dim() != 0:
        result = result / input.size()[0]
    return result
