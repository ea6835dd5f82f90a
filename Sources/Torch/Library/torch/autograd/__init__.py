"""torch.autograd: computing gradients of tensors.

backward() and grad() run the native engine; grad mode, anomaly mode and custom Functions
are small Python classes here that you can step into.
"""
import torch
import torch._C
from torch.autograd import grad_mode
from torch.autograd import anomaly_mode
from torch.autograd import function
from torch.autograd import graph
from torch.autograd.variable import Variable
from torch.autograd.grad_mode import no_grad, enable_grad, set_grad_enabled, inference_mode
from torch.autograd.anomaly_mode import detect_anomaly, set_detect_anomaly
from torch.autograd.function import Function, FunctionCtx
from torch.autograd.gradcheck import gradcheck, GradcheckError


def _tensor_tuple(value):
    if isinstance(value, torch.Tensor):
        return (value,)
    if value is None:
        return None
    return tuple(value)


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    """Accumulate the gradients of `tensors` into the leaves' .grad."""
    tensors = _tensor_tuple(tensors)
    if grad_tensors is None:
        grad_tensors = (None,) * len(tensors)
    else:
        grad_tensors = _tensor_tuple(grad_tensors)
    torch._C._autograd._backward(tensors, grad_tensors, retain_graph, create_graph, _tensor_tuple(inputs))


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, only_inputs=True,
         allow_unused=None, is_grads_batched=False, materialize_grads=False):
    """The gradients of `outputs` with respect to `inputs`, as a tuple (leaves' .grad untouched)."""
    outputs = _tensor_tuple(outputs)
    inputs = _tensor_tuple(inputs)
    if grad_outputs is None:
        grad_outputs = (None,) * len(outputs)
    else:
        grad_outputs = _tensor_tuple(grad_outputs)
    if allow_unused is None:
        allow_unused = materialize_grads
    result = torch._C._autograd._grad(outputs, inputs, grad_outputs, retain_graph, create_graph, allow_unused)
    if materialize_grads:
        result = tuple(torch.zeros_like(i) if g is None else g for i, g in zip(inputs, result))
    return result
