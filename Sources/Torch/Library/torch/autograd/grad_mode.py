"""Grad mode: no_grad, enable_grad, set_grad_enabled and inference_mode.

Each is a context manager and, called with a function, a decorator. Entering saves the
current mode and exiting restores it, also when an exception passes through the block.
"""
import torch


class _DecoratorContextManager:
    """Lets a context manager class decorate functions: each call runs inside a fresh one."""

    def __call__(self, func):
        manager = self

        def decorate_context(*args, **kwargs):
            with manager.clone():
                return func(*args, **kwargs)

        return decorate_context

    def clone(self):
        return self.__class__()


class no_grad(_DecoratorContextManager):
    """Operations inside do not record the graph: results have requires_grad=False."""

    def __init__(self):
        self.prev = False

    def __enter__(self):
        self.prev = torch.is_grad_enabled()
        torch._C._set_grad_enabled(False)

    def __exit__(self, exc_type, exc_value, traceback):
        torch._C._set_grad_enabled(self.prev)
        return False


class enable_grad(_DecoratorContextManager):
    """Turns recording back on inside a no_grad block."""

    def __init__(self):
        self.prev = False

    def __enter__(self):
        self.prev = torch.is_grad_enabled()
        torch._C._set_grad_enabled(True)

    def __exit__(self, exc_type, exc_value, traceback):
        torch._C._set_grad_enabled(self.prev)
        return False


class set_grad_enabled(_DecoratorContextManager):
    """Sets grad mode at once; used with `with`, the previous mode returns on exit."""

    def __init__(self, mode):
        self.prev = torch.is_grad_enabled()
        self.mode = mode
        torch._C._set_grad_enabled(mode)

    def __call__(self, func):
        # Used as a decorator the mode must not stay changed past the decoration itself.
        torch._C._set_grad_enabled(self.prev)
        return super().__call__(func)

    def __enter__(self):
        pass

    def __exit__(self, exc_type, exc_value, traceback):
        torch._C._set_grad_enabled(self.prev)
        return False

    def clone(self):
        return self.__class__(self.mode)


class inference_mode(_DecoratorContextManager):
    """Like no_grad (gradstep has no separate inference tensors)."""

    def __init__(self, mode=True):
        self.mode = mode
        self.prev = False
        self.prev_inference = False

    def __enter__(self):
        self.prev = torch.is_grad_enabled()
        self.prev_inference = torch.is_inference_mode_enabled()
        if self.mode:
            torch._C._set_grad_enabled(False)
        torch._C._set_inference_mode(self.mode)

    def __exit__(self, exc_type, exc_value, traceback):
        torch._C._set_grad_enabled(self.prev)
        torch._C._set_inference_mode(self.prev_inference)
        return False

    def clone(self):
        return self.__class__(self.mode)
