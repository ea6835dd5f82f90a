"""gradcheck: compare backward's gradients with central finite differences."""
import torch


class GradcheckError(RuntimeError):
    """Raised when analytical and numerical gradients disagree."""


def gradcheck(func, inputs, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, **kwargs):
    """True when every input's analytical Jacobian matches the numerical one."""
    if isinstance(inputs, torch.Tensor):
        inputs = (inputs,)
    message = torch._C._autograd._gradcheck(func, tuple(inputs), eps, atol, rtol)
    if message is None:
        return True
    if raise_exception:
        raise GradcheckError(message)
    return False
