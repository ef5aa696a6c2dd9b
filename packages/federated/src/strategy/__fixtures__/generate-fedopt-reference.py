#!/usr/bin/env python3
"""Reference trajectories of the server optimizers of adaptive federated optimization.

Written from the update rules of Reddi et al., "Adaptive Federated Optimization" (ICLR 2021, Algorithm 2),
with Adam-style bias correction sqrt(1 - b2^t) / (1 - b1^t) at server step t for FedAdam and FedYogi, and of
FedAvgM (Hsu et al. 2019): m <- beta m + (x - avg) (m = x - avg at the first step), x <- x - eta m.
Aggregation is the example-weighted mean. Run: /usr/bin/python3 generate-fedopt-reference.py
"""
import json
import os

import numpy as np

rng = np.random.default_rng(20240611)
SHAPES = {"b": (2,), "w": (2, 2)}
EXAMPLES = [10, 20, 30]
x0 = {k: rng.normal(size=s) for k, s in SHAPES.items()}
rounds = [[{k: rng.normal(size=s) for k, s in SHAPES.items()} for _ in EXAMPLES] for _ in range(3)]


def average(clients):
    total = sum(EXAMPLES)
    return {k: sum(n * c[k] for n, c in zip(EXAMPLES, clients)) / total for k in SHAPES}


def run(step):
    x = {k: v.copy() for k, v in x0.items()}
    state = {}
    out = []
    for t, clients in enumerate(rounds, start=1):
        avg = average(clients)
        for k in SHAPES:
            x[k] = step(k, x[k], avg[k] - x[k], t, state)
        out.append({k: x[k].ravel().tolist() for k in SHAPES})
    return out


def fedavgm(eta, beta):
    def step(k, x, delta, t, state):
        g = -delta
        state[k] = g if t == 1 else beta * state[k] + g
        return x - eta * state[k]
    return step


def adaptive(kind, eta, b1, b2, tau):
    def step(k, x, delta, t, state):
        m, v = state.get(k, (np.zeros_like(x), np.zeros_like(x)))
        if kind == "adagrad":
            v = v + delta**2
            state[k] = (m, v)
            return x + eta * delta / (np.sqrt(v) + tau)
        m = b1 * m + (1 - b1) * delta
        if kind == "adam":
            v = b2 * v + (1 - b2) * delta**2
        else:  # yogi
            v = v - (1 - b2) * delta**2 * np.sign(v - delta**2)
        state[k] = (m, v)
        return x + eta * np.sqrt(1 - b2**t) / (1 - b1**t) * m / (np.sqrt(v) + tau)
    return step


out = {
    "examples": EXAMPLES,
    "initial": {k: v.ravel().tolist() for k, v in x0.items()},
    "shapes": {k: list(s) for k, s in SHAPES.items()},
    "rounds": [[{k: c[k].ravel().tolist() for k in SHAPES} for c in clients] for clients in rounds],
    "fedavg": run(fedavgm(1.0, 0.0)),
    "fedavgm": run(fedavgm(0.7, 0.9)),
    "fedadam": run(adaptive("adam", 0.1, 0.9, 0.99, 1e-3)),
    "fedyogi": run(adaptive("yogi", 0.05, 0.9, 0.99, 1e-3)),
    "fedadagrad": run(adaptive("adagrad", 0.1, 0.0, 0.0, 1e-2)),
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "fedopt-reference.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
