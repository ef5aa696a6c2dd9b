"""Reference gradients from PyTorch for core's gradient fixes of reshaping, reducing and broadcasting ops.

Run with Debian's python3 (which has torch): /usr/bin/python3 generate-op-gradient-fixtures.py
Writes op-gradients.json next to this file.

Every case holds float32-representable inputs x (and b for binary ops), a fixed random cotangent dy, the
forward output y and the gradients of sum(y * dy), computed in float64. Attributes are stored as the tfjs
op takes them; each section below says how they map to PyTorch where the two APIs differ.
"""
import json
import os

import numpy as np
import torch

rng = np.random.RandomState(20240612)
torch.set_default_dtype(torch.float64)


def rand(shape, low=-1.0, high=1.0):
    # Rounded through float32 so that tfjs sees exactly these values (comparisons near a threshold agree).
    return torch.tensor(rng.uniform(low, high, size=shape).astype(np.float32).astype(np.float64))


def flat(t):
    return [float(f'{v:.10g}') for v in t.detach().reshape(-1).tolist()]


def tensor(t):
    return {'shape': list(t.shape), 'values': flat(t)}


def gradients(fn, *inputs):
    leaves = [t.clone().requires_grad_(True) for t in inputs]
    y = fn(*leaves)
    dy = rand(list(y.shape))
    (y * dy).sum().backward()
    return y, dy, [leaf.grad if leaf.grad is not None else torch.zeros_like(leaf) for leaf in leaves]


# --- Cumsum: tfjs's exclusive and reverse flags as compositions of torch.cumsum and flip.
def cumsum(x, axis, exclusive, reverse):
    v = x.flip(axis) if reverse else x
    s = torch.cumsum(v, axis)
    if exclusive:
        s = s - v
    return s.flip(axis) if reverse else s


cumsum_cases = []
for shape, axis, exclusive, reverse in [
    ([3, 4], 0, False, False),
    ([4, 4], 0, False, False),
    ([3, 1, 5], 0, False, True),
    ([2, 3, 4], 1, True, False),
    ([2, 3, 4], 1, True, True),
    ([2, 3, 4], 2, False, True),
]:
    x = rand(shape)
    y, dy, [dx] = gradients(lambda v: cumsum(v, axis, exclusive, reverse), x)
    cumsum_cases.append({
        'name': f'x {shape}, axis {axis}, exclusive {exclusive}, reverse {reverse}',
        'axis': axis, 'exclusive': exclusive, 'reverse': reverse,
        'x': tensor(x), 'dy': tensor(dy), 'y': tensor(y), 'dx': flat(dx),
    })


# --- BatchMatMul with broadcast batch dims (on one side, on both, and across ranks): tfjs's transposeA/B
# swap the last two dims first.
def matmul(a, b, ta, tb):
    return torch.matmul(a.transpose(-1, -2) if ta else a, b.transpose(-1, -2) if tb else b)


matmul_cases = []
for sa, sb, ta, tb in [
    ([2, 3, 4], [1, 4, 5], False, False),
    ([1, 4, 3], [2, 4, 5], True, False),
    ([2, 1, 3, 4], [3, 5, 4], False, True),
    ([3, 4], [2, 4, 5], False, False),
    ([2, 1, 4, 3], [1, 3, 5, 4], True, True),
    ([2, 3, 4], [2, 4, 5], False, False),
    ([2, 3, 3, 4], [5, 4], False, True),
]:
    a, b = rand(sa), rand(sb)
    y, dy, [da, db] = gradients(lambda u, v: matmul(u, v, ta, tb), a, b)
    matmul_cases.append({
        'name': f'a {sa}{" transposed" if ta else ""}, b {sb}{" transposed" if tb else ""}',
        'transposeA': ta, 'transposeB': tb,
        'a': tensor(a), 'b': tensor(b), 'dy': tensor(dy), 'y': tensor(y), 'da': flat(da), 'db': flat(db),
    })


# --- Broadcasting binary ops. Values are distinct, so PyTorch's tie rule (half to each) never applies.
binary_ops = {
    'maximum': torch.maximum,
    'minimum': torch.minimum,
    'squaredDifference': lambda a, b: (a - b) ** 2,
}
binary_cases = []
for op, fn in binary_ops.items():
    for sa, sb in [([2, 1, 5], [3, 1]), ([], [4]), ([2, 3], [3]), ([4, 1], [4, 1])]:
        a, b = rand(sa), rand(sb)
        y, dy, [da, db] = gradients(fn, a, b)
        binary_cases.append({
            'name': f'{op} a {sa}, b {sb}', 'op': op,
            'a': tensor(a), 'b': tensor(b), 'dy': tensor(dy), 'y': tensor(y), 'da': flat(da), 'db': flat(db),
        })


# --- Prod over negative and multiple axes; some slices hold one or two zeros.
def prod(x, axis, keep_dims):
    axes = range(x.dim()) if axis is None else ([axis] if isinstance(axis, int) else axis)
    y = x
    for a in sorted((a % x.dim() for a in axes), reverse=True):
        y = torch.prod(y, a, keepdim=True)
    return y if keep_dims else y.reshape([s for i, s in enumerate(y.shape) if i not in [a % x.dim() for a in axes]])


prod_cases = []
for shape, axis, keep_dims, zeros in [
    ([3, 1, 5], -1, False, []),
    ([3, 1, 5], [-1, 0], False, []),
    ([3, 1, 5], -3, True, []),
    ([2, 3, 4], -1, False, [(0, 1, 2), (1, 0, 0), (1, 0, 3)]),
    ([2, 3, 4], -2, True, [(0, 2, 1)]),
    ([2, 3], None, False, []),
]:
    x = rand(shape, 0.5, 1.5) * torch.tensor(rng.choice([-1.0, 1.0], size=shape))
    for index in zeros:
        x[index] = 0.0
    y, dy, [dx] = gradients(lambda v: prod(v, axis, keep_dims), x)
    prod_cases.append({
        'name': f'x {shape}, axis {axis}, keepDims {keep_dims}, {len(zeros)} zeros',
        'axis': axis, 'keepDims': keep_dims,
        'x': tensor(x), 'dy': tensor(dy), 'y': tensor(y), 'dx': flat(dx),
    })


# --- where(predicate(x), f(x), g(x)): the predicate is constant to autograd (in PyTorch it has no grad_fn);
# `(2x).int()` is the tfjs cast of 2x to int32 (both truncate toward zero).
where_exprs = {
    'less': lambda x: torch.where(x < 0.2, x * x, 3 * x),
    'lessEqual': lambda x: torch.where(x <= 0.2, x * x, 3 * x),
    'greater': lambda x: torch.where(x > 0.2, x * x, -x),
    'greaterEqual': lambda x: torch.where((2 * x).int() >= 0, x * x, -x),
    'equal': lambda x: torch.where(torch.round(2 * x) == 0, x, x * x * x),
    'notEqual': lambda x: torch.where((2 * x).int() != 0, x, x * x * x),
    'logicalAnd': lambda x: torch.where((x > -0.5) & (x < 0.5), x * x, 2 * x),
    'logicalOr': lambda x: torch.where((x < -0.5) | (x > 0.5), x * x, 2 * x),
    'logicalNot': lambda x: torch.where(~(x < 0), x * x, -2 * x),
}
where_cases = []
for name, fn in where_exprs.items():
    x = rand([2, 5], -1.2, 1.2)
    y, dy, [dx] = gradients(fn, x)
    where_cases.append({'name': name, 'x': tensor(x), 'dy': tensor(dy), 'y': tensor(y), 'dx': flat(dx)})


# --- StridedSlice: each case gives the tfjs arguments and the same slice as a Python index, applied with
# index_select per dimension (PyTorch slicing rejects negative steps; Python's range slicing does not).
def python_slice(x, spec):
    d = 0
    for item in spec:
        if item[0] == 's':
            _, begin, end, step = item
            index = list(range(x.shape[d]))[slice(begin, end, step)]
            x = x.index_select(d, torch.tensor(index, dtype=torch.long))
            d += 1
        elif item[0] == 'i':
            x = x.select(d, item[1])
        elif item[0] == 'n':
            x = x.unsqueeze(d)
            d += 1
    return x


strided_cases = []
for shape, args, spec in [
    ([5, 6], {'begin': [0, 1], 'end': [5, 6], 'strides': [2, 2]}, [('s', 0, 5, 2), ('s', 1, 6, 2)]),
    ([7], {'begin': [-1], 'end': [-8], 'strides': [-2]}, [('s', -1, -8, -2)]),
    ([3, 1, 4], {'begin': [1, 0, 1], 'end': [0, 1, 3], 'strides': [1, 1, 1], 'beginMask': 1, 'endMask': 1,
                 'shrinkAxisMask': 2}, [('s', None, None, 1), ('i', 0), ('s', 1, 3, 1)]),
    ([4, 5, 6], {'begin': [0, 1], 'end': [0, 5], 'strides': [1, 2], 'ellipsisMask': 1},
     [('s', None, None, 1), ('s', None, None, 1), ('s', 1, 5, 2)]),
    ([4, 5], {'begin': [0, 0, 1], 'end': [0, 4, 5], 'strides': [1, 3, 2], 'newAxisMask': 1},
     [('n',), ('s', 0, 4, 3), ('s', 1, 5, 2)]),
    ([6, 5], {'begin': [5, 4], 'end': [0, -6], 'strides': [-3, -1]}, [('s', 5, 0, -3), ('s', 4, -6, -1)]),
    ([4], {'begin': [3], 'end': [1], 'strides': [1]}, [('s', 3, 1, 1)]),
    ([5, 2], {'begin': [1], 'end': [100], 'strides': [3]}, [('s', 1, 100, 3)]),
    ([2, 3, 4], {'begin': [0, 1, 0], 'end': [2, 2, 4], 'strides': [1, 1, 2], 'shrinkAxisMask': 2},
     [('s', 0, 2, 1), ('i', 1), ('s', 0, 4, 2)]),
    ([3, 5], {'begin': [-1, 0], 'end': [0, 0], 'strides': [1, -2], 'beginMask': 2, 'endMask': 2,
              'shrinkAxisMask': 1}, [('i', -1), ('s', None, None, -2)]),
]:
    x = rand(shape)
    y, dy, [dx] = gradients(lambda v: python_slice(v, spec), x)
    strided_cases.append({
        'name': f'x {shape}, {args}', 'args': args,
        'x': tensor(x), 'dy': tensor(dy), 'y': tensor(y), 'dx': flat(dx),
    })


# --- Gather with tfjs's axis and batchDims: y[B, P, J, I] = x[B, P, idx[B, J], I], built from index_select.
def gather(x, idx, axis, batch_dims):
    if batch_dims == 0:
        return x.index_select(axis, idx.reshape(-1)).reshape(
            list(x.shape[:axis]) + list(idx.shape) + list(x.shape[axis + 1:]))
    return torch.stack([gather(x[i], idx[i], axis - 1, batch_dims - 1) for i in range(x.shape[0])])


gather_cases = []
for shape, idx, axis, batch_dims in [
    ([5, 3], [[4, 0, 2, 2]], 0, 0),
    ([2, 4, 3], [[1, 3], [0, 0]], 1, 0),
    ([2, 4, 3], [[3, 3, 1], [0, 2, 0]], 1, 1),
    ([2, 3, 5, 2], [[[4, 0], [1, 1], [2, 4]], [[0, 0], [3, 1], [4, 4]]], 2, 2),
    ([3, 2, 4], [[1, 3], [0, 0], [2, 2]], -1, 1),
]:
    x = rand(shape)
    index = torch.tensor(idx, dtype=torch.long)
    if len(idx) == 1:
        index = index[0]
    y, dy, [dx] = gradients(lambda v: gather(v, index, axis % len(shape), batch_dims), x)
    gather_cases.append({
        'name': f'x {shape}, indices {list(index.shape)}, axis {axis}, batchDims {batch_dims}',
        'indices': {'shape': list(index.shape), 'values': index.reshape(-1).tolist()},
        'axis': axis, 'batchDims': batch_dims,
        'x': tensor(x), 'dy': tensor(dy), 'y': tensor(y), 'dx': flat(dx),
    })


out = {
    'generator': os.path.basename(__file__),
    'torch': torch.__version__,
    'cumsum': cumsum_cases,
    'batchMatMul': matmul_cases,
    'binary': binary_cases,
    'prod': prod_cases,
    'where': where_cases,
    'stridedSlice': strided_cases,
    'gather': gather_cases,
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'op-gradients.json'), 'w') as f:
    json.dump(out, f, separators=(',', ':'))
