#!/usr/bin/python3
"""Reference values for @tessera/compress's tests.

Run with Debian's python3-torch / python3-numpy:  /usr/bin/python3 generate.py
Writes quantization.json, pruning.json and distillation.json beside this script.

* Quantisation: scales and zero points from torch.ao.quantization observers (MinMaxObserver /
  PerChannelMinMaxObserver; symmetric cases with the narrow range -127..127 that TFLite uses for weights),
  int8 codes from torch.quantize_per_tensor / quantize_per_channel, and fake quantisation (values and the
  straight-through gradient of sum(w * out)) from torch.fake_quantize_per_tensor_affine /
  fake_quantize_per_channel_affine.
* Pruning: masks from torch.nn.utils.prune (l1_unstructured, global_unstructured, ln_structured) for
  sparsities where PyTorch's count (round(s * n) pruned) equals TF-MOT's (max(round((1 - s) * n), 1) kept);
  polynomial-decay sparsities and pruning steps written from the formula published in TF-MOT's
  PolynomialDecay docstring (tensorflow_model_optimization is not installable here).
* Distillation: the Hinton et al. (2015) loss alpha * CE(y, s) + (1 - alpha) * T^2 * KL(p_t || p_s) with
  torch.nn.functional.cross_entropy and kl_div(reduction='batchmean'), and its gradient by autograd.
"""
import json
import os

import numpy as np
import torch
import torch.nn.functional as F
from torch.ao.quantization.observer import MinMaxObserver, PerChannelMinMaxObserver
from torch.nn.utils import prune

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240610)


def f32(a):
    return np.asarray(a, dtype=np.float32)


def lst(t):
    """Row-major flat list (tests pair it with the case's shape)."""
    return np.asarray(t.detach() if isinstance(t, torch.Tensor) else t, dtype=np.float64).reshape(-1).tolist()


def observer(mode, per_channel, axis):
    qscheme = {
        ('symmetric', False): torch.per_tensor_symmetric,
        ('symmetric', True): torch.per_channel_symmetric,
        ('affine', False): torch.per_tensor_affine,
        ('affine', True): torch.per_channel_affine,
    }[(mode, per_channel)]
    qmin = -127 if mode == 'symmetric' else -128
    kwargs = dict(dtype=torch.qint8, qscheme=qscheme, quant_min=qmin, quant_max=127)
    if per_channel:
        return PerChannelMinMaxObserver(ch_axis=axis, **kwargs)
    return MinMaxObserver(**kwargs)


def quant_case(shape, mode, per_channel, scale=1.0, shift=0.0):
    x = torch.tensor(f32(rng.standard_normal(shape) * scale + shift))
    axis = len(shape) - 1
    obs = observer(mode, per_channel, axis)
    obs(x)
    s, zp = obs.calculate_qparams()
    if per_channel:
        q = torch.quantize_per_channel(x, s.float(), zp.long(), axis, torch.qint8)
    else:
        q = torch.quantize_per_tensor(x, float(s), int(zp), torch.qint8)
    return {
        'shape': list(shape), 'mode': mode,
        'granularity': 'per-channel' if per_channel else 'per-tensor',
        'values': lst(x), 'scales': lst(s.reshape(-1)), 'zeroPoints': lst(zp.reshape(-1)),
        'codes': lst(q.int_repr()), 'dequantized': lst(q.dequantize()),
    }


def fake_quant_case(shape, per_channel, qmin, qmax):
    x = torch.tensor(f32(rng.standard_normal(shape) * 2), requires_grad=True)
    w = torch.tensor(f32(rng.standard_normal(shape)))
    if per_channel:
        c = shape[-1]
        scale = torch.tensor(f32(rng.uniform(0.01, 0.05, c)))
        zp = torch.tensor(rng.integers(qmin // 2, qmax // 2, c), dtype=torch.int32)
        out = torch.fake_quantize_per_channel_affine(x, scale, zp, len(shape) - 1, qmin, qmax)
    else:
        scale = torch.tensor(f32([0.03]))
        zp = torch.tensor([int(rng.integers(qmin // 2, qmax // 2))], dtype=torch.int32)
        out = torch.fake_quantize_per_tensor_affine(x, float(scale[0]), int(zp[0]), qmin, qmax)
    (out * w).sum().backward()
    return {
        'shape': list(shape), 'perChannel': per_channel, 'quantMin': qmin, 'quantMax': qmax,
        'x': lst(x), 'upstream': lst(w), 'scales': lst(scale), 'zeroPoints': lst(zp),
        'output': lst(out), 'gradient': lst(x.grad),
    }


quantization = {
    'int8': [
        quant_case([6, 5], 'symmetric', False),
        quant_case([6, 5], 'symmetric', True),
        quant_case([3, 3, 2, 4], 'symmetric', True, scale=0.2),
        quant_case([6, 5], 'affine', False, shift=0.7),
        quant_case([6, 5], 'affine', True, shift=-0.4),
        quant_case([3, 3, 2, 4], 'affine', True, scale=0.1, shift=0.05),
    ],
    'fakeQuant': [
        fake_quant_case([5, 4], False, -128, 127),
        fake_quant_case([5, 4], True, -127, 127),
        fake_quant_case([2, 3, 3], False, 0, 255),
    ],
}


# ---------------------------------------------------------------- pruning
def polynomial_decay(step, initial, final, begin, end, power, frequency):
    p = min(1.0, max(0.0, (step - begin) / (end - begin)))
    sparsity = final + (initial - final) * (1 - p) ** power
    should = step >= begin and step <= end and (step - begin) % frequency == 0
    return sparsity, should


schedules = []
for cfg in [
    dict(initial=0.0, final=0.8, begin=0, end=100, power=3, frequency=10),
    dict(initial=0.5, final=0.9, begin=20, end=220, power=2, frequency=25),
    dict(initial=0.1, final=0.6, begin=5, end=6, power=1, frequency=1),
]:
    steps = list(range(0, cfg['end'] + 30, 3))
    values = [polynomial_decay(s, **cfg) for s in steps]
    schedules.append({**cfg, 'steps': steps, 'sparsity': [v[0] for v in values],
                      'shouldPrune': [v[1] for v in values]})


class Holder(torch.nn.Module):
    def __init__(self, w):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.tensor(w))


def tfmot_count_matches(n, s):
    return n - round(s * n) == max(round((1 - s) * n), 1)


layer_masks = []
for shape, s in [([8, 6], 0.5), ([3, 3, 2, 5], 0.8), ([10, 4], 0.35)]:
    n = int(np.prod(shape))
    assert tfmot_count_matches(n, s)
    w = f32(rng.standard_normal(shape))
    m = Holder(w)
    prune.l1_unstructured(m, 'weight', amount=s)
    layer_masks.append({'shape': shape, 'sparsity': s, 'weights': lst(w), 'mask': lst(m.weight_mask)})

gw = [f32(rng.standard_normal(shape) * scale) for shape, scale in [([6, 5], 1.0), ([5, 3], 0.3), ([2, 2, 3, 4], 2.0)]]
mods = [Holder(w) for w in gw]
total = sum(w.size for w in gw)
assert tfmot_count_matches(total, 0.7)
prune.global_unstructured([(m, 'weight') for m in mods], pruning_method=prune.L1Unstructured, amount=0.7)
global_mask = {'sparsity': 0.7, 'weights': [{'shape': list(w.shape), 'values': lst(w)} for w in gw],
               'masks': [lst(m.weight_mask) for m in mods]}

structured = []
for shape, s in [([7, 8], 0.5), ([3, 3, 4, 6], 0.34)]:
    w = f32(rng.standard_normal(shape))
    c = shape[-1]
    assert tfmot_count_matches(c, s)
    m = Holder(w)
    prune.ln_structured(m, 'weight', amount=s, n=2, dim=len(shape) - 1)
    structured.append({'shape': shape, 'sparsity': s, 'weights': lst(w), 'mask': lst(m.weight_mask)})

pruning = {'schedules': schedules, 'layerMasks': layer_masks, 'globalMask': global_mask,
           'structuredMasks': structured}


# ---------------------------------------------------------------- distillation
def distill_case(batch, classes, alpha, temperature):
    s = torch.tensor(f32(rng.standard_normal((batch, classes)) * 2), requires_grad=True)
    t = torch.tensor(f32(rng.standard_normal((batch, classes)) * 3))
    y = torch.tensor(rng.integers(0, classes, batch))
    hard = F.cross_entropy(s, y)
    soft = F.kl_div(F.log_softmax(s / temperature, dim=1), F.softmax(t / temperature, dim=1),
                    reduction='batchmean')
    loss = alpha * hard + (1 - alpha) * temperature ** 2 * soft
    loss.backward()
    return {'alpha': alpha, 'temperature': temperature, 'student': lst(s), 'teacher': lst(t),
            'labels': lst(y), 'hardLoss': float(hard), 'softLoss': float(soft), 'loss': float(loss),
            'gradient': lst(s.grad)}


distillation = [distill_case(6, 5, 0.1, 4.0), distill_case(4, 10, 0.5, 2.0), distill_case(3, 3, 1.0, 1.0),
                distill_case(5, 4, 0.0, 8.0)]

for name, value in [('quantization', quantization), ('pruning', pruning), ('distillation', distillation)]:
    with open(os.path.join(HERE, f'{name}.json'), 'w') as fh:
        json.dump(value, fh)
        fh.write('\n')
print('wrote quantization.json, pruning.json, distillation.json')
