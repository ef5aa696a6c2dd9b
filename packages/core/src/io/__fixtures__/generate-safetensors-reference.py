#!/usr/bin/env python3
"""Reference safetensors files and float16/bfloat16 conversions for the io tests.

The Python `safetensors` package is not installable here (only Debian packages are), so this script
implements the writer directly from the format description (https://github.com/huggingface/safetensors):
  8-byte little-endian u64 header length N | N bytes of UTF-8 JSON | raw little-endian tensor bytes,
with the reference implementation's layout rules: tensors sorted by dtype alignment (descending, in the
order of its Dtype enum) and then by name (byte order), compact JSON with "__metadata__" first, header
padded with spaces to a multiple of 8. Float16/bfloat16 bits come from PyTorch's own conversions.

Run: /usr/bin/python3 generate-safetensors-reference.py > safetensors-reference.json
"""
import base64
import json
import struct

import numpy as np
import torch

# Increasing alignment, as in the reference implementation's Dtype enum (unsupported types omitted).
DTYPE_ORDER = ["BOOL", "U8", "I8", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"]
NUMPY = {"BOOL": np.uint8, "U8": np.uint8, "I8": np.int8, "I16": np.int16, "U16": np.uint16,
         "F16": np.uint16, "BF16": np.uint16, "I32": np.int32, "U32": np.uint32, "F32": np.float32,
         "F64": np.float64, "I64": np.int64, "U64": np.uint64}


def half_bits(values, torch_dtype):
    """float32 values -> (16-bit patterns, the float32 values they decode to), both via PyTorch."""
    t = torch.tensor(np.asarray(values, dtype=np.float32)).to(torch_dtype)
    bits = t.view(torch.int16).numpy().astype(np.uint16)
    return bits, t.to(torch.float32).numpy()


def write_safetensors(tensors, metadata=None):
    """tensors: {name: (dtype, shape, numpy array of stored elements)} -> file bytes."""
    order = sorted(tensors, key=lambda n: (-DTYPE_ORDER.index(tensors[n][0]), n.encode("utf-8")))
    header, chunks, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = dict(sorted(metadata.items(), key=lambda kv: kv[0].encode("utf-8")))
    for name in order:
        dtype, shape, arr = tensors[name]
        raw = np.ascontiguousarray(arr, dtype=np.dtype(NUMPY[dtype]).newbyteorder("<")).tobytes()
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


def case(name, specs, metadata=None):
    """specs: [(tensor name, stored dtype, shape, input values as tfjs would hold them)]."""
    stored, inputs, decoded = {}, [], []
    for tname, dtype, shape, values in specs:
        values = np.asarray(values).reshape(shape)
        if dtype in ("F16", "BF16"):
            bits, back = half_bits(values, torch.float16 if dtype == "F16" else torch.bfloat16)
            stored[tname] = (dtype, shape, bits)
            read = back
        else:
            stored[tname] = (dtype, shape, values.astype(NUMPY[dtype]))
            read = values.astype(np.float32 if dtype[0] == "F" else np.int64)
        tfjs = "float32" if dtype[0] in "FB" and dtype != "BOOL" else ("bool" if dtype == "BOOL" else "int32")
        inputs.append({"name": tname, "dtype": dtype, "tfjsDType": tfjs, "shape": list(shape),
                       "values": np.asarray(values, dtype=np.float64).ravel().tolist(),
                       "readValues": np.asarray(read, dtype=np.float64).ravel().tolist()})
    data = write_safetensors(stored, metadata)
    return {"name": name, "metadata": metadata or {}, "tensors": inputs,
            "base64": base64.b64encode(data).decode("ascii")}


rng = np.random.default_rng(7)
f32 = lambda *shape: rng.normal(0, 2, size=shape).astype(np.float32)

cases = [
    # The single-tensor layout used in the format's own documentation and tests.
    case("attn-f32", [("attn.0", "F32", [1, 2, 3], np.arange(6, dtype=np.float32))]),
    case("empty", [], {"framework": "pt"}),
    case("mixed", [
        ("dense/kernel", "F32", [2, 3], f32(2, 3)),
        ("dense/bias", "F32", [3], f32(3)),
        ("half", "F16", [5], [0.1, -2.5, 65504.0, 1e-6, 3.14159]),
        ("brain", "BF16", [2, 2], [0.1, -2.5, 3e38, 1.0 + 2**-8]),
        ("double", "F64", [2], [0.5, -1.25]),
        ("step", "I64", [], [123456]),
        ("ids", "I32", [3], [-7, 0, 2147483647]),
        ("small", "I16", [2], [-32768, 32767]),
        ("tiny", "I8", [2], [-128, 127]),
        ("pixels", "U8", [2, 2], [0, 1, 128, 255]),
        ("mask", "BOOL", [3], [1, 0, 1]),
        ("empty", "F32", [0, 4], []),
        ("0", "F32", [1], [42.0]),
        ("naïve/ω", "F32", [1], [-0.0]),
        ("zz", "U16", [1], [65535]),
    ], {"producer": "tessera-fixture", "format": "pt", "ünïcode": "✓"}),
]

# Float32 bit patterns covering specials, rounding ties, overflow and subnormals, plus random values.
special = [0.0, -0.0, 1.0, -1.0, 65504.0, 65519.99, 65520.0, 1e5, -1e5, 6.103515625e-05, 5.960464477539063e-08,
           2.9802322387695312e-08, 4.47e-08, 1.0 + 2**-11, 1.0 + 3 * 2**-11, 1.0 + 2**-8, 1.0 + 3 * 2**-8,
           3.3895314e38, 3.4028235e38, 1e-40, float("inf"), float("-inf"), float("nan")]
values = np.concatenate([np.array(special, dtype=np.float32),
                         (rng.normal(size=200) * 10.0 ** rng.integers(-9, 9, size=200)).astype(np.float32)])
conversions = {"float32Bits": values.view(np.uint32).tolist()}
for key, dtype in (("float16", torch.float16), ("bfloat16", torch.bfloat16)):
    bits, back = half_bits(values, dtype)
    conversions[key] = {"bits": bits.tolist(), "decodedFloat32Bits": back.view(np.uint32).tolist()}

print(json.dumps({"torch": torch.__version__, "cases": cases, "halfConversions": conversions}, indent=1,
                 ensure_ascii=False))
