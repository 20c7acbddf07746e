#!/usr/bin/env python3
"""Draws the kernelspec's logos (src/Courseware.Cli/assets/kernel/logo-32x32.png, logo-64x64.png): a blue rounded
square with a white C and #. Standard library only (zlib + struct), so anyone can regenerate them."""
import math, struct, zlib, pathlib

def png(size, pixel):
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")

def pixel(x, y, size):
    u, v = (x + 0.5) / size, (y + 0.5) / size
    r = 0.18  # corner radius, as a fraction of the side
    cx, cy = min(max(u, r), 1 - r), min(max(v, r), 1 - r)
    if math.hypot(u - cx, v - cy) > r:
        return (0, 0, 0, 0)
    blue, white = (29, 99, 237, 255), (255, 255, 255, 255)
    # C: a ring open to the right, centred left of middle.
    d = math.hypot(u - 0.36, v - 0.5)
    angle = math.degrees(math.atan2(v - 0.5, u - 0.36))
    if 0.13 <= d <= 0.22 and abs(angle) > 45:
        return white
    # #: two vertical and two horizontal bars on the right.
    in_box = 0.58 <= u <= 0.86 and 0.34 <= v <= 0.66
    bar = 0.035
    if in_box and (abs(u - 0.66) < bar or abs(u - 0.78) < bar or abs(v - 0.44) < bar or abs(v - 0.56) < bar):
        return white
    return blue

out = pathlib.Path(__file__).resolve().parent.parent / "src/Courseware.Cli/assets/kernel"
out.mkdir(parents=True, exist_ok=True)
for size in (32, 64):
    (out / f"logo-{size}x{size}.png").write_bytes(png(size, pixel))
