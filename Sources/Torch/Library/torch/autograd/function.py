"""Custom differentiable operations: subclass Function, write forward and backward.

`Cls.apply(*args)` runs `forward(ctx, *args)` without recording a graph, then attaches one
node named `<Cls>Backward` to the tensors it returned; backward() later calls
`Cls.backward(ctx, *grad_outputs)`, which returns one gradient per forward argument.
"""
import torch


class FunctionCtx:
    """The `ctx` object shared by forward and backward."""

    def __init__(self):
        self.to_save = ()
        self.needs_input_grad = ()
        self.non_differentiable = ()
        self.dirty_tensors = ()
        self.materialize_grads = True

    def save_for_backward(self, *tensors):
        """Keep tensors for backward (read them back from ctx.saved_tensors)."""
        for t in tensors:
            if t is not None and not isinstance(t, torch.Tensor):
                raise TypeError("save_for_backward can only save variables, but argument "
                                + str(tensors.index(t)) + " is of type " + type(t).__name__)
        self.to_save = tensors

    @property
    def saved_tensors(self):
        return self.to_save

    def mark_non_differentiable(self, *args):
        """Outputs that never need a gradient (e.g. indices)."""
        self.non_differentiable = args

    def mark_dirty(self, *args):
        """Inputs forward modified in place."""
        self.dirty_tensors = args

    def set_materialize_grads(self, value):
        """Whether None gradients reach backward as zeros (the default) or as None."""
        self.materialize_grads = value


class BackwardCFunction(FunctionCtx):
    """What ctx is in PyTorch: the context object of one application."""


class Function:
    """Base class of custom autograd functions."""

    def __init__(self, *args, **kwargs):
        pass

    @classmethod
    def apply(cls, *args, **kwargs):
        if kwargs:
            raise TypeError("apply() takes no keyword arguments")
        ctx = BackwardCFunction()
        return torch._C._autograd._function_apply(cls, ctx, args)

    @staticmethod
    def forward(ctx, *args, **kwargs):
        raise NotImplementedError("You must implement the forward function for custom autograd.Function.")

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError("You must implement either the backward or vjp method for your custom "
                                  "autograd.Function to use it with backward mode AD.")

    @staticmethod
    def setup_context(ctx, inputs, output):
        raise NotImplementedError("setup_context is not implemented.")


class InplaceFunction(Function):
    """A Function whose forward may work in place."""

    def __init__(self, inplace=False):
        super().__init__()
        self.inplace = inplace
