"""Reference trajectory for `fit` (fit.test.ts): a 4-5-3 MLP trained with PyTorch on the Keras loss.

Keras semantics written out in PyTorch: per batch, loss = sum(w_i * CE_i) / batch_size + l2 * sum(W1**2)
(sum_over_batch_size with sample weights, where w_i = sample_weight_i * class_weight[y_i]); the epoch loss is
the batch losses averaged weighted by batch size; no shuffling. Adam with PyTorch's defaults, lr 0.01.
Run with /usr/bin/python3 (Debian's python3-torch); writes fit.json beside this file.
"""
import json
import os

import torch

torch.manual_seed(0)
n, d, h, k = 10, 4, 5, 3
x = torch.randn(n, d)
y = torch.tensor([0, 1, 2, 2, 1, 0, 2, 1, 0, 2])
sample_weight = torch.tensor([1.0, 0.5, 2.0, 1.0, 1.0, 1.5, 0.5, 1.0, 2.0, 1.0])
class_weight = {2: 2.0}
l2 = 0.01
w1 = torch.randn(d, h) * 0.5
b1 = torch.randn(h) * 0.1
w2 = torch.randn(h, k) * 0.5
b2 = torch.randn(k) * 0.1
initial = [t.clone() for t in (w1, b1, w2, b2)]
params = [t.clone().requires_grad_(True) for t in initial]
opt = torch.optim.Adam(params, lr=0.01)


def forward(p, inputs):
    return torch.relu(inputs @ p[0] + p[1]) @ p[2] + p[3]


def batch_loss(p, xb, yb, wb):
    ce = torch.nn.functional.cross_entropy(forward(p, xb), yb, reduction="none")
    return (ce * wb).sum() / xb.shape[0] + l2 * (p[0] ** 2).sum()


weights = sample_weight * torch.tensor([class_weight.get(int(c), 1.0) for c in y])
epoch_losses = []
for epoch in range(2):
    total, count = 0.0, 0
    for start in range(0, n, 4):
        sl = slice(start, start + 4)
        opt.zero_grad()
        loss = batch_loss(params, x[sl], y[sl], weights[sl])
        loss.backward()
        opt.step()
        total += loss.item() * x[sl].shape[0]
        count += x[sl].shape[0]
    epoch_losses.append(total / count)

with torch.no_grad():
    logits = forward(params, x)
    eval_loss = (torch.nn.functional.cross_entropy(logits, y, reduction="none").sum() / n + l2 * (params[0] ** 2).sum()).item()
    accuracy = (logits.argmax(1) == y).float().mean().item()

out = {
    "x": x.tolist(),
    "y": y.tolist(),
    "sampleWeight": sample_weight.tolist(),
    "classWeight": class_weight,
    "l2": l2,
    "initial": [t.tolist() for t in initial],
    "epochLosses": epoch_losses,
    "final": [t.detach().tolist() for t in params],
    "logits": logits.tolist(),
    "evalLoss": eval_loss,
    "evalAccuracy": accuracy,
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "fit.json"), "w") as f:
    json.dump(out, f, indent=1)
