#!/usr/bin/env python3
"""Writes python-written.safetensors, the fixture of SafetensorsTest, from the format's specification.

Regenerate with:  python3 make_safetensors_fixture.py   (in this directory; needs only the standard library)

The bytes follow the layout of the Hugging Face safetensors library: an unsigned 64-bit little-endian header
length N, N bytes of JSON (padded with spaces to a multiple of 8), then the tensors' little-endian bytes,
ordered by dtype alignment (largest first) and then by name.
"""
import json
import struct

tensors = {
    # name: (dtype, shape, values)
    "bias": ("F32", [1], [-1.5]),
    "weight": ("F32", [2, 3], [0.0, 0.5, 1.0, 1.5, 2.0, 2.5]),
    "empty": ("F32", [0, 4], []),
}
metadata = {"format": "pt", "note": "written by make_safetensors_fixture.py"}

header = {"__metadata__": metadata}
data = b""
for name in sorted(tensors):
    dtype, shape, values = tensors[name]
    payload = struct.pack("<%df" % len(values), *values)
    header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(payload)]}
    data += payload

text = json.dumps(header, separators=(",", ":")).encode("utf-8")
text += b" " * ((8 - len(text) % 8) % 8)
with open("python-written.safetensors", "wb") as out:
    out.write(struct.pack("<Q", len(text)))
    out.write(text)
    out.write(data)
