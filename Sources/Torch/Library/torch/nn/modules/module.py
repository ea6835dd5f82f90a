"""The base class of every layer, loss and model: torch.nn.Module.

A Module keeps three ordered tables -- parameters, buffers and sub-modules -- filled in by
plain attribute assignment (`self.fc1 = nn.Linear(4, 8)`). Calling a module runs its hooks
around `forward`, which is where a model's computation lives.
"""
from collections import OrderedDict

import torch
from torch.nn.parameter import Parameter


def _indent_after_first_line(text, spaces):
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    pad = " " * spaces
    return lines[0] + "\n" + "\n".join(pad + line for line in lines[1:])


class _RemovableHandle:
    """What register_*_hook returns: call remove() to take the hook out again."""

    _next_id = 0

    def __init__(self, hooks):
        self.hooks = hooks
        self.id = _RemovableHandle._next_id
        _RemovableHandle._next_id += 1

    def remove(self):
        if self.id in self.hooks:
            del self.hooks[self.id]

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.remove()


class Module:
    """Base class for all neural network modules (torch.nn.Module)."""

    training = True

    def __init__(self):
        object.__setattr__(self, "training", True)
        object.__setattr__(self, "_parameters", OrderedDict())
        object.__setattr__(self, "_buffers", OrderedDict())
        object.__setattr__(self, "_non_persistent_buffers_set", set())
        object.__setattr__(self, "_modules", OrderedDict())
        object.__setattr__(self, "_forward_hooks", OrderedDict())
        object.__setattr__(self, "_forward_pre_hooks", OrderedDict())
        object.__setattr__(self, "_backward_hooks", OrderedDict())

    def forward(self, *args, **kwargs):
        raise NotImplementedError(
            f'Module [{type(self).__name__}] is missing the required "forward" function'
        )

    # -- calling -------------------------------------------------------------------------

    def __call__(self, *args, **kwargs):
        for hook in list(self._forward_pre_hooks.values()):
            result = hook(self, args)
            if result is not None:
                if not isinstance(result, tuple):
                    result = (result,)
                args = result
        if self._backward_hooks:
            return self._call_with_backward_hooks(args, kwargs)
        output = self.forward(*args, **kwargs)
        for hook in list(self._forward_hooks.values()):
            result = hook(self, args, output)
            if result is not None:
                output = result
        return output

    def _call_with_backward_hooks(self, args, kwargs):
        # The full backward hook sees the gradients with respect to the module's inputs and
        # outputs; it is attached to the output's grad_fn when the output needs a gradient.
        output = self.forward(*args, **kwargs)
        for hook in list(self._forward_hooks.values()):
            result = hook(self, args, output)
            if result is not None:
                output = result
        if isinstance(output, torch.Tensor) and output.requires_grad:
            module = self
            hooks = list(self._backward_hooks.values())
            inputs = [a for a in args if isinstance(a, torch.Tensor) and a.requires_grad]

            def on_grad_output(grad_output):
                grad_inputs = tuple(a.grad for a in inputs)
                for hook in hooks:
                    hook(module, grad_inputs, (grad_output,))
                return None

            output.register_hook(on_grad_output)
        return output

    def register_forward_hook(self, hook):
        handle = _RemovableHandle(self._forward_hooks)
        self._forward_hooks[handle.id] = hook
        return handle

    def register_forward_pre_hook(self, hook):
        handle = _RemovableHandle(self._forward_pre_hooks)
        self._forward_pre_hooks[handle.id] = hook
        return handle

    def register_full_backward_hook(self, hook):
        handle = _RemovableHandle(self._backward_hooks)
        self._backward_hooks[handle.id] = hook
        return handle

    # -- attributes ----------------------------------------------------------------------

    def __setattr__(self, name, value):
        params = self.__dict__.get("_parameters")
        if isinstance(value, Parameter):
            if params is None:
                raise AttributeError("cannot assign parameters before Module.__init__() call")
            self._forget(name)
            self.register_parameter(name, value)
            return
        if params is not None and name in params:
            if value is not None:
                raise TypeError(
                    f"cannot assign '{torch.typename(value)}' as parameter '{name}' "
                    "(torch.nn.Parameter or None expected)"
                )
            self.register_parameter(name, value)
            return
        modules = self.__dict__.get("_modules")
        if isinstance(value, Module):
            if modules is None:
                raise AttributeError("cannot assign module before Module.__init__() call")
            self._forget(name)
            modules[name] = value
            return
        if modules is not None and name in modules:
            if value is not None:
                raise TypeError(
                    f"cannot assign '{torch.typename(value)}' as child module '{name}' "
                    "(torch.nn.Module or None expected)"
                )
            modules[name] = value
            return
        buffers = self.__dict__.get("_buffers")
        if buffers is not None and name in buffers:
            if value is not None and not isinstance(value, torch.Tensor):
                raise TypeError(
                    f"cannot assign '{torch.typename(value)}' as buffer '{name}' "
                    "(torch.Tensor or None expected)"
                )
            buffers[name] = value
            return
        object.__setattr__(self, name, value)

    def _forget(self, name):
        # An attribute moves into exactly one table: drop it from the others first.
        if name in self.__dict__:
            object.__delattr__(self, name)
        for table in ("_parameters", "_buffers", "_modules"):
            entries = self.__dict__.get(table)
            if entries is not None and name in entries:
                del entries[name]

    def __getattr__(self, name):
        d = self.__dict__
        if "_parameters" in d and name in d["_parameters"]:
            return d["_parameters"][name]
        if "_buffers" in d and name in d["_buffers"]:
            return d["_buffers"][name]
        if "_modules" in d and name in d["_modules"]:
            return d["_modules"][name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def __delattr__(self, name):
        for table in ("_parameters", "_buffers", "_modules"):
            entries = self.__dict__.get(table)
            if entries is not None and name in entries:
                del entries[name]
                return
        object.__delattr__(self, name)

    def register_parameter(self, name, param):
        if "_parameters" not in self.__dict__:
            raise AttributeError("cannot assign parameter before Module.__init__() call")
        if not isinstance(name, str):
            raise TypeError(f"parameter name should be a string. Got {torch.typename(name)}")
        if "." in name:
            raise KeyError('parameter name can\'t contain "."')
        if name == "":
            raise KeyError('parameter name can\'t be empty string ""')
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(
                f"cannot assign '{torch.typename(param)}' object to parameter '{name}' "
                "(torch.nn.Parameter or None required)"
            )
        self._parameters[name] = param

    def register_buffer(self, name, tensor, persistent=True):
        if "_buffers" not in self.__dict__:
            raise AttributeError("cannot assign buffer before Module.__init__() call")
        if "." in name:
            raise KeyError('buffer name can\'t contain "."')
        if tensor is not None and not isinstance(tensor, torch.Tensor):
            raise TypeError(
                f"cannot assign '{torch.typename(tensor)}' object to buffer '{name}' "
                "(torch Tensor or None required)"
            )
        self._forget(name)
        self._buffers[name] = tensor
        if persistent:
            self._non_persistent_buffers_set.discard(name)
        else:
            self._non_persistent_buffers_set.add(name)

    def add_module(self, name, module):
        if module is not None and not isinstance(module, Module):
            raise TypeError(f"{torch.typename(module)} is not a Module subclass")
        self._forget(name)
        self._modules[name] = module

    def register_module(self, name, module):
        self.add_module(name, module)

    def get_submodule(self, target):
        if target == "":
            return self
        module = self
        for item in target.split("."):
            if item not in module._modules:
                raise AttributeError(f"{module._get_name()} has no attribute `{item}`")
            module = module._modules[item]
        return module

    # -- walking the tree ----------------------------------------------------------------

    def named_modules(self, memo=None, prefix="", remove_duplicate=True):
        found = []
        self._collect_modules(found, set() if memo is None else memo, prefix, remove_duplicate)
        return iter(found)

    def _collect_modules(self, found, memo, prefix, remove_duplicate):
        if remove_duplicate:
            if id(self) in memo:
                return
            memo.add(id(self))
        found.append((prefix, self))
        for name, module in self._modules.items():
            if module is None:
                continue
            child_prefix = prefix + ("." if prefix else "") + name
            module._collect_modules(found, memo, child_prefix, remove_duplicate)

    def modules(self):
        return iter([module for _, module in self.named_modules()])

    def named_children(self):
        seen = set()
        result = []
        for name, module in self._modules.items():
            if module is not None and id(module) not in seen:
                seen.add(id(module))
                result.append((name, module))
        return iter(result)

    def children(self):
        return iter([module for _, module in self.named_children()])

    def _named_members(self, table, prefix, recurse, remove_duplicate=True):
        seen = set()
        result = []
        if recurse:
            owners = self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate)
        else:
            owners = [(prefix, self)]
        for owner_prefix, module in owners:
            for name, value in module.__dict__[table].items():
                if value is None:
                    continue
                if remove_duplicate:
                    if id(value) in seen:
                        continue
                    seen.add(id(value))
                result.append((owner_prefix + ("." if owner_prefix else "") + name, value))
        return result

    def named_parameters(self, prefix="", recurse=True, remove_duplicate=True):
        return iter(self._named_members("_parameters", prefix, recurse, remove_duplicate))

    def parameters(self, recurse=True):
        return iter([p for _, p in self._named_members("_parameters", "", recurse)])

    def named_buffers(self, prefix="", recurse=True, remove_duplicate=True):
        return iter(self._named_members("_buffers", prefix, recurse, remove_duplicate))

    def buffers(self, recurse=True):
        return iter([b for _, b in self._named_members("_buffers", "", recurse)])

    def apply(self, fn):
        for module in self.children():
            module.apply(fn)
        fn(self)
        return self

    # -- modes and gradients ---------------------------------------------------------------

    def train(self, mode=True):
        if not isinstance(mode, bool):
            raise ValueError("training mode is expected to be boolean")
        object.__setattr__(self, "training", mode)
        for module in self.children():
            module.train(mode)
        return self

    def eval(self):
        return self.train(False)

    def requires_grad_(self, requires_grad=True):
        for p in self.parameters():
            p.requires_grad_(requires_grad)
        return self

    def zero_grad(self, set_to_none=True):
        for p in self.parameters():
            if p.grad is not None:
                if set_to_none:
                    p.grad = None
                else:
                    if p.grad.grad_fn is not None:
                        p.grad.detach_()
                    else:
                        p.grad.requires_grad_(False)
                    p.grad.zero_()

    def to(self, *args, **kwargs):
        dtype = kwargs.get("dtype")
        for arg in list(args) + [kwargs.get("device")]:
            if isinstance(arg, torch.dtype):
                dtype = arg
            elif arg is not None:
                torch.device(arg)
        if dtype is not None:
            self._convert_floats(dtype)
        return self

    def _convert_floats(self, dtype):
        for module in self.modules():
            for name, p in module._parameters.items():
                if p is not None and p.is_floating_point():
                    module._parameters[name] = Parameter(p.data.to(dtype), p.requires_grad)
            for name, b in module._buffers.items():
                if b is not None and b.is_floating_point():
                    module._buffers[name] = b.to(dtype)

    def cpu(self):
        return self

    def float(self):
        self._convert_floats(torch.float32)
        return self

    def double(self):
        self._convert_floats(torch.float64)
        return self

    # -- state_dict ------------------------------------------------------------------------

    def state_dict(self, destination=None, prefix="", keep_vars=False):
        if destination is None:
            destination = OrderedDict()
        for name, param in self._parameters.items():
            if param is not None:
                destination[prefix + name] = param if keep_vars else param.detach()
        for name, buf in self._buffers.items():
            if buf is not None and name not in self._non_persistent_buffers_set:
                destination[prefix + name] = buf if keep_vars else buf.detach()
        for name, module in self._modules.items():
            if module is not None:
                module.state_dict(destination=destination, prefix=prefix + name + ".", keep_vars=keep_vars)
        return destination

    def load_state_dict(self, state_dict, strict=True, assign=False):
        if not isinstance(state_dict, dict):
            raise TypeError(f"Expected state_dict to be dict-like, got {type(state_dict)}.")
        # A copy, so that modules filling in defaults do not change the caller's dict.
        state_dict = OrderedDict(state_dict)
        missing = []
        unexpected = []
        errors = []
        expected = set()
        for prefix, module in self.named_modules():
            if hasattr(module, "_fill_missing_state"):
                module._fill_missing_state(prefix + ("." if prefix else ""), state_dict)
            local = module._parameters.copy()
            for name, buf in module._buffers.items():
                if name not in module._non_persistent_buffers_set:
                    local[name] = buf
            for name, current in local.items():
                if current is None:
                    continue
                key = prefix + ("." if prefix else "") + name
                expected.add(key)
                if key not in state_dict:
                    missing.append(key)
                    continue
                incoming = state_dict[key]
                if not isinstance(incoming, torch.Tensor):
                    errors.append(
                        f'While copying the parameter named "{key}", expected torch.Tensor or '
                        f"Tensor-like object from checkpoint but received {type(incoming)}"
                    )
                    continue
                if tuple(incoming.shape) != tuple(current.shape):
                    errors.append(
                        f"size mismatch for {key}: copying a param with shape {incoming.shape} "
                        f"from checkpoint, the shape in current model is {current.shape}."
                    )
                    continue
                with torch.no_grad():
                    current.copy_(incoming)
        for key in state_dict.keys():
            if key not in expected:
                unexpected.append(key)
        if strict:
            if unexpected:
                errors.insert(0, "Unexpected key(s) in state_dict: {}. ".format(
                    ", ".join(f'"{k}"' for k in unexpected)))
            if missing:
                errors.insert(0, "Missing key(s) in state_dict: {}. ".format(
                    ", ".join(f'"{k}"' for k in missing)))
        if errors:
            raise RuntimeError("Error(s) in loading state_dict for {}:\n\t{}".format(
                type(self).__name__, "\n\t".join(errors)))
        return _IncompatibleKeys(missing, unexpected)

    # -- printing --------------------------------------------------------------------------

    def _get_name(self):
        return type(self).__name__

    def extra_repr(self):
        return ""

    def __repr__(self):
        extra = self.extra_repr()
        extra_lines = extra.split("\n") if extra else []
        child_lines = []
        for name, module in self._modules.items():
            child_lines.append("(" + name + "): " + _indent_after_first_line(repr(module), 2))
        lines = extra_lines + child_lines
        text = self._get_name() + "("
        if lines:
            if len(extra_lines) == 1 and not child_lines:
                text += extra_lines[0]
            else:
                text += "\n  " + "\n  ".join(lines) + "\n"
        return text + ")"

    def __dir__(self):
        # The class's attributes, the instance's, and the registered parameters, submodules
        # and buffers (which live in their own dictionaries); numbered children are left out.
        names = dir(self.__class__) + list(self.__dict__.keys())
        names += list(self._parameters.keys()) + list(self._modules.keys()) + list(self._buffers.keys())
        return sorted(name for name in names if not name[0].isdigit())


class _IncompatibleKeys:
    """load_state_dict's result: the keys that were missing and unexpected."""

    def __init__(self, missing_keys, unexpected_keys):
        self.missing_keys = missing_keys
        self.unexpected_keys = unexpected_keys

    def __repr__(self):
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return f"_IncompatibleKeys(missing_keys={self.missing_keys}, unexpected_keys={self.unexpected_keys})"

    __str__ = __repr__

    def __iter__(self):
        return iter([self.missing_keys, self.unexpected_keys])
