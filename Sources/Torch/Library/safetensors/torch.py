"""safetensors.torch: save_file and load_file, byte-compatible with the Python package."""
import torch


def save_file(tensors, filename, metadata=None):
    """Write a dict of name -> tensor to filename."""
    if not isinstance(tensors, dict):
        raise ValueError(f"Expected a dict of [str, torch.Tensor] but received {type(tensors)}")
    for name, tensor in tensors.items():
        if not isinstance(tensor, torch.Tensor):
            raise ValueError(f"Key `{name}` is invalid, expected torch.Tensor but received {type(tensor)}")
    torch._C._save_safetensors(tensors, filename, metadata)


def load_file(filename, device="cpu"):
    """Read every tensor of a safetensors file into a dict."""
    return torch._C._load_safetensors(filename)


def save(tensors, metadata=None):
    """The bytes save_file would write."""
    return torch._C._safetensors_bytes(tensors, metadata)


def load(data):
    """Tensors from the bytes of a safetensors file."""
    return torch._C._safetensors_from_bytes(data)
