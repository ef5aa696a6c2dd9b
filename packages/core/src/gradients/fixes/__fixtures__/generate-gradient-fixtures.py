"""Reference gradients from PyTorch for the tfjs gradient fixes and the kernel completions.

Run with Debian's python3 (which has torch): /usr/bin/python3 generate-gradient-fixtures.py
Writes conv-gradients.json, pool-gradients.json and pool3d-gradients.json next to this file.

Tensors are stored flat in tfjs layouts (NHWC / NDHWC inputs; conv filters [fh, fw, in, out]; depthwise filters
[fh, fw, in, multiplier]). Padding follows tfjs: 'same' puts the odd extra row/column at the bottom/right,
which PyTorch's symmetric `padding=` cannot express, so inputs are padded explicitly with F.pad. Each case
computes y = op(x, ...), the loss sum(y * dy) for a fixed random dy, and its gradients in float64.
"""
import json
import math
import os

import numpy as np
import torch
import torch.nn.functional as F

rng = np.random.RandomState(20240611)
torch.set_default_dtype(torch.float64)


def pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def tfjs_padding(in_hw, filt_hw, strides, dilations, pad):
    """(top, bottom, left, right) as tfjs's computeConv2DInfo derives them."""
    if isinstance(pad, list):
        return pad[1][0], pad[1][1], pad[2][0], pad[2][1]
    if isinstance(pad, int):
        return pad, pad, pad, pad
    out = []
    for size, f, s, d in zip(in_hw, filt_hw, strides, dilations):
        eff = (f - 1) * d + 1
        if pad == 'valid':
            out += [0, 0]
        else:
            out_size = math.ceil(size / s)
            along = max(0, (out_size - 1) * s + eff - size)
            out += [along // 2, along - along // 2]
    return tuple(out)


def rand(shape):
    return torch.tensor(rng.uniform(-1, 1, size=shape))


def flat(t):
    return [float(f'{v:.10g}') for v in t.detach().reshape(-1).tolist()]


def nchw(t):
    return t.permute(0, 3, 1, 2)


def nhwc(t):
    return t.permute(0, 2, 3, 1)


def conv_case(name, kind, x_shape, f_shape, strides, dilations, pad):
    strides, dilations = pair(strides), pair(dilations)
    x = rand(x_shape).requires_grad_()
    f = rand(f_shape).requires_grad_()
    top, bottom, left, right = tfjs_padding(x_shape[1:3], f_shape[0:2], strides, dilations, pad)
    xp = F.pad(nchw(x), (left, right, top, bottom))
    if kind == 'conv2d':
        w = f.permute(3, 2, 0, 1)
        y = nhwc(F.conv2d(xp, w, stride=strides, dilation=dilations))
    else:
        fh, fw, c, m = f_shape
        w = f.reshape(fh, fw, c * m).permute(2, 0, 1).unsqueeze(1)
        y = nhwc(F.conv2d(xp, w, stride=strides, dilation=dilations, groups=c))
    dy = rand(list(y.shape))
    dx, df = torch.autograd.grad((y * dy).sum(), [x, f])
    return {
        'name': name, 'op': kind, 'strides': list(strides), 'dilations': list(dilations), 'pad': pad,
        'x': {'shape': x_shape, 'values': flat(x)}, 'filter': {'shape': f_shape, 'values': flat(f)},
        'y': {'shape': list(y.shape), 'values': flat(y)}, 'dy': {'shape': list(dy.shape), 'values': flat(dy)},
        'dx': flat(dx), 'dfilter': flat(df),
    }


def pool_case(name, kind, x_shape, filter_size, strides, pad):
    filter_size, strides = pair(filter_size), pair(strides)
    x = rand(x_shape).requires_grad_()
    top, bottom, left, right = tfjs_padding(x_shape[1:3], filter_size, strides, (1, 1), pad)
    if kind == 'avgPool':
        # Average over the window's cells inside the input: sum of zero-padded x over count of valid cells.
        sums = F.avg_pool2d(F.pad(nchw(x), (left, right, top, bottom)), filter_size, strides, divisor_override=1)
        ones = torch.ones(1, 1, *x_shape[1:3])
        counts = F.avg_pool2d(F.pad(ones, (left, right, top, bottom)), filter_size, strides, divisor_override=1)
        y = nhwc(sums / counts)
        if top == bottom and left == right and top <= filter_size[0] // 2 and left <= filter_size[1] // 2:
            # Cross-check against PyTorch's own padding-excluding average where it can express the padding.
            alt = F.avg_pool2d(nchw(x), filter_size, strides, padding=(top, left), count_include_pad=False)
            assert torch.allclose(nhwc(alt), y), name
    else:
        xp = F.pad(nchw(x), (left, right, top, bottom), value=-math.inf)
        y = nhwc(F.max_pool2d(xp, filter_size, strides))
    dy = rand(list(y.shape))
    (dx,) = torch.autograd.grad((y * dy).sum(), [x])
    return {
        'name': name, 'op': kind, 'filterSize': list(filter_size), 'strides': list(strides), 'pad': pad,
        'x': {'shape': x_shape, 'values': flat(x)}, 'y': {'shape': list(y.shape), 'values': flat(y)},
        'dy': {'shape': list(dy.shape), 'values': flat(dy)}, 'dx': flat(dx),
    }


conv_cases = [
    conv_case('conv2d dilation 2 same', 'conv2d', [2, 7, 8, 3], [3, 3, 3, 4], 1, 2, 'same'),
    conv_case('conv2d dilation [2,3] valid', 'conv2d', [1, 9, 10, 2], [2, 3, 2, 3], 1, [2, 3], 'valid'),
    conv_case('conv2d dilation 2 explicit', 'conv2d', [2, 6, 6, 3], [3, 2, 3, 2], 1, 2,
              [[0, 0], [1, 2], [2, 0], [0, 0]]),
    conv_case('conv2d dilation 3 same, even filter', 'conv2d', [1, 8, 8, 2], [2, 2, 2, 2], 1, 3, 'same'),
    conv_case('conv2d stride 2 same', 'conv2d', [2, 7, 7, 2], [3, 3, 2, 3], 2, 1, 'same'),
    conv_case('conv2d stride 3 valid', 'conv2d', [1, 10, 9, 2], [3, 2, 2, 2], 3, 1, 'valid'),
    conv_case('depthwise dilation 2 same', 'depthwise', [2, 7, 8, 3], [3, 3, 3, 1], 1, 2, 'same'),
    conv_case('depthwise dilation [2,3] valid, multiplier 2', 'depthwise', [2, 9, 10, 2], [3, 2, 2, 2], 1,
              [2, 3], 'valid'),
    conv_case('depthwise dilation 2 explicit, multiplier 3', 'depthwise', [1, 6, 6, 3], [2, 2, 3, 3], 1, 2,
              [[0, 0], [2, 1], [0, 2], [0, 0]]),
    conv_case('depthwise dilation 2 same, multiplier 2', 'depthwise', [1, 6, 7, 2], [3, 3, 2, 2], 1, 2, 'same'),
    conv_case('depthwise stride 2 same, multiplier 2', 'depthwise', [2, 7, 7, 2], [3, 3, 2, 2], 2, 1, 'same'),
    conv_case('depthwise stride 3 valid', 'depthwise', [2, 8, 8, 2], [3, 3, 2, 1], 3, 1, 'valid'),
    # The depthwise backprop kernels take stride and dilation both > 1, which the forward op refuses.
    conv_case('depthwise stride 2 dilation 2 same, multiplier 2', 'depthwise', [1, 9, 10, 2], [3, 3, 2, 2], 2, 2,
              'same'),
]

pool_cases = []
for kind in ('avgPool', 'maxPool'):
    pool_cases += [
        pool_case(f'{kind} 3x3 stride 1 same', kind, [2, 5, 5, 2], 3, 1, 'same'),
        pool_case(f'{kind} 3x3 stride 2 same', kind, [1, 7, 6, 3], 3, 2, 'same'),
        pool_case(f'{kind} 2x2 stride 2 same, odd input', kind, [2, 5, 7, 1], 2, 2, 'same'),
        pool_case(f'{kind} 3x2 stride [2,1] same', kind, [1, 7, 7, 2], [3, 2], [2, 1], 'same'),
        pool_case(f'{kind} 3x3 stride 2 valid', kind, [2, 6, 6, 2], 3, 2, 'valid'),
        pool_case(f'{kind} 3x3 stride 2 pad 1', kind, [1, 6, 6, 1], 3, 2, 1),
    ]



def triple(v):
    return (v, v, v) if isinstance(v, int) else tuple(v)


def pool3d_case(name, kind, x_shape, filter_size, strides, pad):
    """tfjs avgPool3d / maxPool3d (NDHWC); the average is over the window's cells inside the input."""
    filter_size, strides = triple(filter_size), triple(strides)
    x = rand(x_shape).requires_grad_()
    pads = []
    for size, f, st in zip(x_shape[1:4], filter_size, strides):
        if pad == 'valid':
            pads.append((0, 0))
        elif isinstance(pad, int):
            pads.append((pad, pad))
        else:
            along = max(0, (math.ceil(size / st) - 1) * st + f - size)
            pads.append((along // 2, along - along // 2))
    torch_pad = [p for pair_ in reversed(pads) for p in pair_]  # F.pad wants the last axis first
    to_ncdhw = x.permute(0, 4, 1, 2, 3)
    if kind == 'avgPool3d':
        sums = F.avg_pool3d(F.pad(to_ncdhw, torch_pad), filter_size, strides, divisor_override=1)
        ones = torch.ones(1, 1, *x_shape[1:4])
        counts = F.avg_pool3d(F.pad(ones, torch_pad), filter_size, strides, divisor_override=1)
        y = (sums / counts).permute(0, 2, 3, 4, 1)
    else:
        y = F.max_pool3d(F.pad(to_ncdhw, torch_pad, value=-math.inf), filter_size, strides).permute(0, 2, 3, 4, 1)
    dy = rand(list(y.shape))
    (dx,) = torch.autograd.grad((y * dy).sum(), [x])
    return {
        'name': name, 'op': kind, 'filterSize': list(filter_size), 'strides': list(strides), 'pad': pad,
        'x': {'shape': x_shape, 'values': flat(x)}, 'y': {'shape': list(y.shape), 'values': flat(y)},
        'dy': {'shape': list(dy.shape), 'values': flat(dy)}, 'dx': flat(dx),
    }


pool3d_cases = [
    pool3d_case('avgPool3d 2x2x2 stride 2 same, odd input', 'avgPool3d', [1, 3, 5, 4, 2], 2, 2, 'same'),
    pool3d_case('avgPool3d 3x3x2 stride [1,2,1] same', 'avgPool3d', [2, 4, 5, 3, 1], [3, 3, 2], [1, 2, 1], 'same'),
    pool3d_case('avgPool3d 2x2x2 stride 1 valid', 'avgPool3d', [1, 3, 3, 3, 2], 2, 1, 'valid'),
    pool3d_case('maxPool3d 2x2x2 stride 2 same, odd input', 'maxPool3d', [1, 3, 5, 4, 2], 2, 2, 'same'),
    pool3d_case('maxPool3d 3x2x3 stride [1,2,2] same', 'maxPool3d', [2, 4, 4, 5, 1], [3, 2, 3], [1, 2, 2], 'same'),
    pool3d_case('maxPool3d 2x3x2 stride 1 valid', 'maxPool3d', [1, 4, 5, 4, 3], [2, 3, 2], 1, 'valid'),
    pool3d_case('maxPool3d 3x3x3 stride 2 pad 1', 'maxPool3d', [1, 5, 5, 4, 2], 3, 2, 1),
]

here = os.path.dirname(os.path.abspath(__file__))
for file, cases in (('conv-gradients.json', conv_cases), ('pool-gradients.json', pool_cases),
                    ('pool3d-gradients.json', pool3d_cases)):
    with open(os.path.join(here, file), 'w') as out:
        json.dump({'generator': 'generate-gradient-fixtures.py', 'torch': torch.__version__, 'cases': cases}, out)
        out.write('\n')
