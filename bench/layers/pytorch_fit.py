"""PyTorch CPU reference for bench/layers-fit.bench.ts: times one epoch of `fit` (forward, cross-entropy,
backward, Adam step per batch) of the MLP 784-128-10 or the seed CNN on random data, after one warm-up epoch.

usage: /usr/bin/python3 bench/layers/pytorch_fit.py {mlp|cnn} SAMPLES BATCH THREADS (0 = all cores)
prints {"units": SAMPLES, "seconds": ...} on stdout.
"""
import json
import sys
import time

import torch
from torch import nn

kind, samples, batch, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
if threads > 0:  # 0: PyTorch's default, every core
    torch.set_num_threads(threads)
torch.manual_seed(0)
if kind == "mlp":
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
else:
    model = nn.Sequential(
        nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10),
    )
x = torch.rand(samples, 1, 28, 28)
y = torch.randint(0, 10, (samples,))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()


def epoch():
    for start in range(0, samples, batch):
        optimizer.zero_grad()
        loss = loss_fn(model(x[start:start + batch]), y[start:start + batch])
        loss.backward()
        optimizer.step()
    return loss.item()


epoch()
t0 = time.perf_counter()
epoch()
print(json.dumps({"units": samples, "seconds": time.perf_counter() - t0}))
