"""Shared helpers for the layer fixtures: seeded inputs, case recording and JSON output.

Every case runs the reference computation in float64 PyTorch on float32-representable inputs and weights
(weights in Keras layout; the case's forward converts them to PyTorch's layout), then records the outputs
and the gradients of loss = sum_i sum(out_i * R_i) for fixed random R_i with respect to every float input
and every trainable weight.
"""
import json
import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
HERE = os.path.dirname(os.path.abspath(__file__))
_rng = np.random.default_rng(20240601)


def randn(*shape, scale=1.0):
    return (_rng.standard_normal(shape) * scale).astype(np.float32)


def uniform(*shape, low=-1.0, high=1.0):
    return _rng.uniform(low, high, shape).astype(np.float32)


def randint(*shape, high):
    return _rng.integers(0, high, shape).astype(np.int32)


def enc(a, dtype=None, digits=None):
    """Encodes an array. float32 data is written with 9 significant digits (an exact float32 round trip);
    float64 references with `digits` = 12 (far below the 1e-5 tolerance), to keep the files small."""
    a = np.asarray(a)
    if dtype is None:
        dtype = 'int32' if a.dtype.kind in 'iu' else ('bool' if a.dtype == np.bool_ else 'float32')
    fmt = '%.{}g'.format(digits or (9 if a.dtype == np.float32 else 17))
    data = [bool(v) for v in a.reshape(-1)] if dtype == 'bool' else [
        int(v) if dtype == 'int32' else float(fmt % v) for v in a.reshape(-1)]
    return {'shape': list(a.shape), 'dtype': dtype, 'data': data}


def tt(a, grad=False):
    return torch.tensor(np.asarray(a, dtype=np.float64), requires_grad=grad)


class Recorder:
    def __init__(self):
        self.files = {}

    def case(self, class_name, name, config, inputs, weights, forward, call=None, multi_input=False,
             weights_after=None, non_trainable=(), notes=None):
        """Records one case.

        inputs: list of numpy arrays (float32 inputs are differentiated; int/bool are not).
        weights: list of (name, float32 array) in the layer's weight order, Keras layout.
        forward(inputs, weights) -> tensor or list of tensors, computed with torch on the given tensors.
        weights_after(inputs, weights) -> list of (name, array) expected after the call (state updates).
        non_trainable: names of weights that get no gradient (moving statistics).
        """
        t_in = [tt(a, grad=a.dtype == np.float32) if a.dtype != np.bool_ else torch.tensor(a) for a in inputs]
        t_w = [tt(w, grad=n not in non_trainable) for n, w in weights]
        outs = forward(t_in, t_w)
        outs = list(outs) if isinstance(outs, (list, tuple)) else [outs]
        rs = [randn(*o.shape) for o in outs]
        loss = sum((o * tt(r)).sum() for o, r in zip(outs, rs))
        wrt = [x for x in t_in if x.requires_grad] + [w for w in t_w if w.requires_grad]
        grads = torch.autograd.grad(loss, wrt, allow_unused=True) if wrt else []
        grads = [torch.zeros_like(x) if g is None else g for x, g in zip(wrt, grads)]
        n_in = sum(1 for x in t_in if x.requires_grad)
        record = {
            'name': name,
            'className': class_name,
            'config': config,
            'call': call or {},
            'multiInput': multi_input,
            'inputs': [enc(a) for a in inputs],
            'weights': [{'name': n, **enc(w)} for n, w in weights],
            'outputs': [enc(o.detach().numpy(), 'float32', 12) for o in outs],
            'R': [enc(r) for r in rs],
            'gradInputs': [enc(g.numpy(), 'float32', 12) for g in grads[:n_in]],
            'gradWeights': [{'name': n, **enc(g.numpy(), 'float32', 12)}
                            for (n, _), g in zip([w for w in weights if w[0] not in non_trainable], grads[n_in:])],
        }
        if weights_after is not None:
            with torch.no_grad():
                after = weights_after([x.detach() for x in t_in], [w.detach() for w in t_w])
            record['weightsAfter'] = [{'name': n, **enc(np.asarray(v), 'float32', 12)} for n, v in after]
        if notes:
            record['notes'] = notes
        self.files.setdefault(class_name, []).append(record)

    def write(self):
        for class_name, cases in sorted(self.files.items()):
            with open(os.path.join(HERE, f'{class_name}.json'), 'w') as f:
                json.dump(cases, f, separators=(',', ':'))
                f.write('\n')
