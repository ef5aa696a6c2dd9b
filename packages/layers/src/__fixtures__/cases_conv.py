"""Convolution and pooling cases (channels-last in the fixtures; PyTorch runs channels-first)."""
import math

import numpy as np
import torch
import torch.nn.functional as F

from fixture_lib import enc, randn


def same_pads(size, window, stride):
    out = math.ceil(size / stride)
    total = max((out - 1) * stride + window - size, 0)
    return total // 2, total - total // 2


def nhwc(t):
    return t.permute(0, 3, 1, 2)


def back(t):
    return t.permute(0, 2, 3, 1)


def conv2d_ref(x, k, b, strides, padding, dilation, act=None):
    xt = nhwc(x)
    kh, kw = k.shape[0], k.shape[1]
    if padding == 'same':
        ph = same_pads(x.shape[1], (kh - 1) * dilation[0] + 1, strides[0])
        pw = same_pads(x.shape[2], (kw - 1) * dilation[1] + 1, strides[1])
        xt = F.pad(xt, (pw[0], pw[1], ph[0], ph[1]))
    y = F.conv2d(xt, k.permute(3, 2, 0, 1), b, stride=strides, dilation=dilation)
    y = back(y)
    return act(y) if act else y


def conv_transpose_ref(x, k, b, strides, padding, dilation):
    w = k.permute(3, 2, 0, 1)  # [kh, kw, out, in] -> [in, out, kh, kw]
    full = F.conv_transpose2d(nhwc(x), w, None, stride=strides, dilation=dilation)
    sizes = []
    crops = []
    for axis in (0, 1):
        n, s = x.shape[1 + axis], strides[axis]
        eff = (k.shape[axis] - 1) * dilation[axis] + 1
        if padding == 'same':
            target, before = n * s, max(eff - s, 0) // 2
        else:
            target, before = n * s + max(eff - s, 0), 0
        sizes.append(target)
        crops.append(before)
    extra_h = max(crops[0] + sizes[0] - full.shape[2], 0)
    extra_w = max(crops[1] + sizes[1] - full.shape[3], 0)
    full = F.pad(full, (0, extra_w, 0, extra_h))
    y = full[:, :, crops[0]:crops[0] + sizes[0], crops[1]:crops[1] + sizes[1]]
    y = back(y)
    return y + b if b is not None else y


def depthwise_ref(x, k, b, strides, padding, dilation):
    kh, kw, cin, dm = k.shape
    xt = nhwc(x)
    if padding == 'same':
        ph = same_pads(x.shape[1], (kh - 1) * dilation[0] + 1, strides[0])
        pw = same_pads(x.shape[2], (kw - 1) * dilation[1] + 1, strides[1])
        xt = F.pad(xt, (pw[0], pw[1], ph[0], ph[1]))
    w = k.permute(2, 3, 0, 1).reshape(cin * dm, 1, kh, kw)
    return back(F.conv2d(xt, w, b, stride=strides, dilation=dilation, groups=cin))


def pool_ref(x, kind, pool, strides, padding):
    xt = nhwc(x)
    if padding == 'same':
        ph = same_pads(x.shape[1], pool[0], strides[0])
        pw = same_pads(x.shape[2], pool[1], strides[1])
        pads = (pw[0], pw[1], ph[0], ph[1])
    else:
        pads = (0, 0, 0, 0)
    if kind == 'max':
        return back(F.max_pool2d(F.pad(xt, pads, value=-math.inf), pool, strides))
    sums = F.avg_pool2d(F.pad(xt, pads), pool, strides)
    counts = F.avg_pool2d(F.pad(torch.ones_like(xt[:1, :1]), pads), pool, strides)
    return back(sums / counts)


def add_cases(rec):
    x = randn(2, 5, 5, 3)
    k33 = randn(3, 3, 3, 4, scale=0.4)
    b4 = randn(4, scale=0.3)
    for name, cfg, strides, dil in [
        ('conv2d_valid', {'padding': 'valid'}, (1, 1), (1, 1)),
        ('conv2d_same_stride2', {'padding': 'same', 'strides': 2}, (2, 2), (1, 1)),
        ('conv2d_same_dilation2', {'padding': 'same', 'dilationRate': 2}, (1, 1), (2, 2)),
        ('conv2d_valid_dilation_2x1', {'padding': 'valid', 'dilationRate': [2, 1]}, (1, 1), (2, 1)),
    ]:
        rec.case('Conv2D', name, {'filters': 4, 'kernelSize': 3, **cfg}, [x], [('kernel', k33), ('bias', b4)],
                 lambda i, w, s=strides, d=dil, p=cfg['padding']: conv2d_ref(i[0], w[0], w[1], s, p, d))
    k32 = randn(3, 2, 3, 4, scale=0.4)
    rec.case('Conv2D', 'conv2d_rect_strides_relu_nobias',
             {'filters': 4, 'kernelSize': [3, 2], 'strides': [2, 1], 'padding': 'same', 'activation': 'relu',
              'useBias': False}, [x], [('kernel', k32)],
             lambda i, w: conv2d_ref(i[0], w[0], None, (2, 1), 'same', (1, 1), F.relu))

    x1 = randn(2, 7, 3)
    k1 = randn(3, 3, 4, scale=0.4)

    def conv1d_ref(xi, k, b, stride, padding, dilation):
        xt = xi.permute(0, 2, 1)
        eff = (k.shape[0] - 1) * dilation + 1
        if padding == 'same':
            xt = F.pad(xt, same_pads(xi.shape[1], eff, stride))
        elif padding == 'causal':
            xt = F.pad(xt, (eff - 1, 0))
        return F.conv1d(xt, k.permute(2, 1, 0), b, stride=stride, dilation=dilation).permute(0, 2, 1)

    for name, cfg, stride, dil in [
        ('conv1d_valid', {'padding': 'valid'}, 1, 1),
        ('conv1d_same_stride2', {'padding': 'same', 'strides': 2}, 2, 1),
        ('conv1d_causal_dilation2', {'padding': 'causal', 'dilationRate': 2}, 1, 2),
    ]:
        rec.case('Conv1D', name, {'filters': 4, 'kernelSize': 3, **cfg}, [x1], [('kernel', k1), ('bias', b4)],
                 lambda i, w, s=stride, d=dil, p=cfg['padding']: conv1d_ref(i[0], w[0], w[1], s, p, d))

    xt_in = randn(2, 3, 4, 3)
    kt = randn(3, 3, 2, 3, scale=0.4)
    bt = randn(2, scale=0.3)
    for name, cfg, strides, dil, kern in [
        ('conv2d_transpose_same_stride2', {'padding': 'same', 'strides': 2}, (2, 2), (1, 1), kt),
        ('conv2d_transpose_valid_stride2', {'padding': 'valid', 'strides': 2}, (2, 2), (1, 1), kt),
        ('conv2d_transpose_same_dilation2', {'padding': 'same', 'dilationRate': 2}, (1, 1), (2, 2), kt),
        ('conv2d_transpose_valid_k2_stride3', {'padding': 'valid', 'strides': 3, 'kernelSize': 2}, (3, 3), (1, 1),
         randn(2, 2, 2, 3, scale=0.4)),
    ]:
        config = {'filters': 2, 'kernelSize': 3, **cfg}
        rec.case('Conv2DTranspose', name, config, [xt_in], [('kernel', kern), ('bias', bt)],
                 lambda i, w, s=strides, d=dil, p=cfg['padding']: conv_transpose_ref(i[0], w[0], w[1], s, p, d))

    kd = randn(3, 3, 3, 2, scale=0.4)
    bd = randn(6, scale=0.3)
    for name, cfg, strides, dil in [
        ('depthwise_same_dm2', {'padding': 'same'}, (1, 1), (1, 1)),
        ('depthwise_valid_stride2', {'padding': 'valid', 'strides': 2}, (2, 2), (1, 1)),
        ('depthwise_same_dilation2', {'padding': 'same', 'dilationRate': 2}, (1, 1), (2, 2)),
    ]:
        rec.case('DepthwiseConv2D', name, {'kernelSize': 3, 'depthMultiplier': 2, **cfg}, [x],
                 [('kernel', kd), ('bias', bd)],
                 lambda i, w, s=strides, d=dil, p=cfg['padding']: depthwise_ref(i[0], w[0], w[1], s, p, d))

    kp = randn(1, 1, 6, 4, scale=0.4)

    def separable_ref(i, w, s, d, p):
        dw = depthwise_ref(i[0], w[0], None, s, p, d)
        return conv2d_ref(dw, w[1], w[2], (1, 1), 'valid', (1, 1))

    for name, cfg, strides, dil in [
        ('separable_same_dm2', {'padding': 'same'}, (1, 1), (1, 1)),
        ('separable_valid_stride2', {'padding': 'valid', 'strides': 2}, (2, 2), (1, 1)),
        ('separable_same_dilation2', {'padding': 'same', 'dilationRate': 2}, (1, 1), (2, 2)),
    ]:
        rec.case('SeparableConv2D', name, {'filters': 4, 'kernelSize': 3, 'depthMultiplier': 2, **cfg}, [x],
                 [('depthwise_kernel', kd), ('pointwise_kernel', kp), ('bias', b4)],
                 lambda i, w, s=strides, d=dil, p=cfg['padding']: separable_ref(i, w, s, d, p))

    xp = randn(2, 5, 5, 2)
    for cls, kind in [('MaxPooling2D', 'max'), ('AveragePooling2D', 'avg')]:
        for name, cfg, pool, strides, pad in [
            ('valid_2', {}, (2, 2), (2, 2), 'valid'),
            ('same_3_stride2', {'poolSize': 3, 'strides': 2, 'padding': 'same'}, (3, 3), (2, 2), 'same'),
            ('same_2_stride1', {'poolSize': 2, 'strides': 1, 'padding': 'same'}, (2, 2), (1, 1), 'same'),
        ]:
            rec.case(cls, f'{kind}_pool2d_{name}', cfg, [xp], [],
                     lambda i, w, k=kind, po=pool, s=strides, p=pad: pool_ref(i[0], k, po, s, p))
    xs = randn(2, 7, 3)
    for cls, kind in [('MaxPooling1D', 'max'), ('AveragePooling1D', 'avg')]:
        for name, cfg, pool, stride, pad in [
            ('valid_2', {}, 2, 2, 'valid'),
            ('same_3_stride2', {'poolSize': 3, 'strides': 2, 'padding': 'same'}, 3, 2, 'same'),
        ]:
            rec.case(cls, f'{kind}_pool1d_{name}', cfg, [xs], [],
                     lambda i, w, k=kind, po=pool, s=stride, p=pad:
                     pool_ref(i[0].unsqueeze(2), k, (po, 1), (s, 1), p).squeeze(2))
    rec.case('GlobalAveragePooling2D', 'global_avg_2d', {}, [xp], [], lambda i, w: i[0].mean((1, 2)))
    rec.case('GlobalAveragePooling2D', 'global_avg_2d_keepdims', {'keepDims': True}, [xp], [],
             lambda i, w: i[0].mean((1, 2), keepdim=True))
    rec.case('GlobalMaxPooling2D', 'global_max_2d', {}, [xp], [], lambda i, w: i[0].amax((1, 2)))
    rec.case('GlobalAveragePooling1D', 'global_avg_1d', {}, [xs], [], lambda i, w: i[0].mean(1))
    mask = np.array([[1, 1, 1, 1, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1]], dtype=bool)
    m = torch.tensor(mask, dtype=torch.float64).unsqueeze(-1)
    rec.case('GlobalAveragePooling1D', 'global_avg_1d_masked', {}, [xs], [],
             lambda i, w: (i[0] * m).sum(1) / m.sum(1), call={'mask': enc(mask)})
    rec.case('GlobalMaxPooling1D', 'global_max_1d', {}, [xs], [], lambda i, w: i[0].amax(1))
