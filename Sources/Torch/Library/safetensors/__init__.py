"""safetensors: tensors saved as a JSON header followed by their raw bytes."""
