"""Per-example gradients of a small CNN with PyTorch (one autograd call per example), the reference for
dp-sgd.test.ts. Weights are kept in the Keras layout (conv kernels [kh, kw, in, out], dense kernels
[in, out]) and activations in NHWC, so the tensors map one-to-one onto the @tessera/layers model.

Run: /usr/bin/python3 generate-per-example-reference.py > per-example-reference.json
"""
import json

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(7)
B = 5


def param(*shape, scale=0.4):
    return torch.tensor(rng.normal(0, scale, shape), requires_grad=True)


weights = {
    "c1/kernel": param(3, 3, 1, 4),
    "c1/bias": param(4, scale=0.1),
    "c2/kernel": param(3, 3, 4, 3),
    "c2/bias": param(3, scale=0.1),
    "d/kernel": param(12, 5),
    "d/bias": param(5, scale=0.1),
}
x = torch.tensor(rng.uniform(0, 1, (B, 8, 8, 1)))
y = torch.tensor([0, 3, 1, 4, 2])


def conv_nhwc(h, kernel, bias, stride, pad):
    # pad = (left, right, top, bottom) as TensorFlow's 'same' rule puts the extra row/column at the end.
    h = F.pad(h.permute(0, 3, 1, 2), pad)
    out = F.conv2d(h, kernel.permute(3, 2, 0, 1), bias, stride=stride)
    return out.permute(0, 2, 3, 1)


def forward(xb):
    h = torch.relu(conv_nhwc(xb, weights["c1/kernel"], weights["c1/bias"], 1, (1, 1, 1, 1)))  # same, 8x8
    h = F.max_pool2d(h.permute(0, 3, 1, 2), 2).permute(0, 2, 3, 1)  # 4x4x4
    h = torch.tanh(conv_nhwc(h, weights["c2/kernel"], weights["c2/bias"], 2, (0, 1, 0, 1)))  # same, stride 2: 2x2x3
    h = h.reshape(h.shape[0], -1)
    return h @ weights["d/kernel"] + weights["d/bias"]


grads = {name: [] for name in weights}
losses = []
for i in range(B):
    loss = F.cross_entropy(forward(x[i : i + 1]), y[i : i + 1])
    losses.append(loss.item())
    g = torch.autograd.grad(loss, list(weights.values()))
    for name, gi in zip(weights, g):
        grads[name].append(gi.detach().numpy())


def pack(a):
    a = np.asarray(a)
    return {"shape": list(a.shape), "values": a.reshape(-1).tolist()}


print(
    json.dumps(
        {
            "x": pack(x.numpy()),
            "y": y.tolist(),
            "weights": {k: pack(v.detach().numpy()) for k, v in weights.items()},
            "gradients": {k: pack(np.stack(v)) for k, v in grads.items()},
            "losses": losses,
            "torch": torch.__version__,
        }
    )
)
