#!/usr/bin/env python3
"""Writes the safetensors fixtures that the Autograd tests decode and re-encode.

Run it with the `safetensors` (0.8) and `numpy` packages installed:

    python3 scripts/make-safetensors-fixtures.py Tests/AutogradTests/Fixtures/safetensors

Every value is a simple formula so the Swift tests can rebuild the same arrays
independently. Keep the formulas in step with `SafetensorsFixtureValues.swift`.
"""

import os
import sys

import numpy as np
from safetensors.numpy import save_file


def ramp(count, dtype, scale=1.0, shift=0.0):
    """0, 1, 2, ... scaled and shifted, as `dtype`."""
    return (np.arange(count, dtype=np.float64) * scale + shift).astype(dtype)


def main(folder):
    os.makedirs(folder, exist_ok=True)

    def save(name, tensors, metadata=None):
        save_file(tensors, os.path.join(folder, name), metadata=metadata)

    # One float32 matrix, no metadata.
    save("basic.safetensors", {"weight": ramp(6, np.float32, 0.5, -1.0).reshape(2, 3)})

    # Every dtype, a 0-d scalar, empty tensors and one metadata key (a single key keeps
    # the writer's header byte-for-byte deterministic).
    save(
        "mixed.safetensors",
        {
            "f32": ramp(24, np.float32, 0.25, -3.0).reshape(2, 3, 4),
            "f64": ramp(5, np.float64, 1.0 / 3.0, 0.1),
            "i64": ramp(6, np.int64, 1000000007.0, -3000000021.0).reshape(3, 2),
            "i32": ramp(4, np.int32, -7.0, 11.0).reshape(1, 4),
            "mask": (np.arange(7) % 3 == 0),
            "scalar": np.array(2.5, dtype=np.float64),
            "empty": np.zeros((0,), dtype=np.float32),
            "empty_2d": np.zeros((2, 0, 3), dtype=np.int64),
            "a_bias": ramp(3, np.float32, -1.5, 0.0),
        },
        metadata={"format": "pt"},
    )

    # No tensors at all, no metadata: the smallest valid file.
    save("empty.safetensors", {})

    # An empty metadata object is written as `"__metadata__":{}`.
    save("empty_metadata.safetensors", {"x": np.array([1, 2, 3], dtype=np.int32)}, metadata={})

    # Names and metadata text that need JSON escaping, plus special float values.
    special = np.array(
        [0.0, -0.0, np.inf, -np.inf, np.nan, 1e-45, 3.4028235e38, -1.17549435e-38],
        dtype=np.float32,
    )
    save(
        "escaped.safetensors",
        {
            "layer.0/w\"q\"": special,
            "tab\there\\back": np.array([True, False], dtype=np.bool_),
            "ünï ✓ 😀": np.array([[np.pi]], dtype=np.float64),
            "ctl\u0001\u001f\u007f": np.array(7, dtype=np.int64),
        },
        metadata={"note": "line1\nline2 \"quoted\" </tag> & ünï 😀 \u0002"},
    )

    # Several metadata keys: readers must accept any key order, so this one is only decoded.
    save(
        "metadata_multi.safetensors",
        {"w": ramp(2, np.float32)},
        metadata={"format": "pt", "epoch": "3", "author": "gradstep", "empty": ""},
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "Tests/AutogradTests/Fixtures/safetensors")
