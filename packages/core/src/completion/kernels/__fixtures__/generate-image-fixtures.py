"""References for core's corrections of the cpu backend's image kernels.

Run with Debian's python3 (which has torch): /usr/bin/python3 generate-image-fixtures.py
Writes image-kernels.json next to this file. Images are NHWC, stored flat.

- resizeBilinear: y = resize(x) and d sum(y * dy) / dx from PyTorch's F.interpolate, for the two tfjs modes
  PyTorch has: alignCorners ↔ align_corners=True, halfPixelCenters ↔ align_corners=False.
- transform: tf.image.transform with one translation per image, by whole pixels, which both 'nearest' and
  'bilinear' interpolation read exactly: out[b, y, x] = image[b, y + ty_b, x + tx_b], or fillValue outside.
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

rng = np.random.RandomState(20240613)
torch.set_default_dtype(torch.float64)


def rand(shape):
    return torch.tensor(rng.uniform(-1, 1, size=shape).astype(np.float32).astype(np.float64))


def flat(t):
    return [float(f'{v:.10g}') for v in torch.as_tensor(t).detach().reshape(-1).tolist()]


def tensor(t):
    return {'shape': list(t.shape), 'values': flat(t)}


resize_cases = []
for shape, size, align_corners in [
    ([1, 3, 4, 2], [6, 8], True),
    ([2, 5, 3, 1], [3, 7], True),
    ([1, 3, 4, 2], [6, 8], False),
    ([2, 4, 6, 2], [3, 2], False),
]:
    x = rand(shape).requires_grad_(True)
    y = F.interpolate(x.permute(0, 3, 1, 2), size=size, mode='bilinear', align_corners=align_corners)
    y = y.permute(0, 2, 3, 1)
    dy = rand(list(y.shape))
    (y * dy).sum().backward()
    resize_cases.append({
        'name': f'x {shape} to {size}, {"alignCorners" if align_corners else "halfPixelCenters"}',
        'size': size, 'alignCorners': align_corners, 'halfPixelCenters': not align_corners,
        'x': tensor(x), 'dy': tensor(dy), 'y': tensor(y), 'dx': flat(x.grad),
    })

transform_cases = []
for shape, shifts, fill in [
    ([3, 5, 6, 2], [(1, 0), (-2, 1), (0, -3)], -1.0),
    ([2, 4, 4, 1], [(2, 2)], 0.5),
]:
    image = rand(shape).numpy()
    out = np.full(shape, fill)
    for b in range(shape[0]):
        tx, ty = shifts[b % len(shifts)]
        for y in range(shape[1]):
            for x in range(shape[2]):
                if 0 <= y + ty < shape[1] and 0 <= x + tx < shape[2]:
                    out[b, y, x] = image[b, y + ty, x + tx]
    transforms = [[1, 0, tx, 0, 1, ty, 0, 0] for tx, ty in shifts]
    transform_cases.append({
        'name': f'image {shape}, translations {shifts}, fill {fill}',
        'image': tensor(torch.tensor(image)), 'transforms': transforms, 'fillValue': fill,
        'y': tensor(torch.tensor(out)),
    })

out = {
    'generator': os.path.basename(__file__),
    'torch': torch.__version__,
    'resizeBilinear': resize_cases,
    'transform': transform_cases,
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'image-kernels.json'), 'w') as f:
    json.dump(out, f, separators=(',', ':'))
