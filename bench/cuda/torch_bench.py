"""PyTorch side of bench/cuda.bench.ts and bench/cuda-sgemm.bench.ts: eager-mode training throughput of the
MLP, the seed CNN and the Transformer encoder block at a given batch, and SGEMM TFLOP/s through cuBLAS, in
float32 or TF32. Each call measures one run and prints one JSON line {"units": N, "seconds": S}, which the
TypeScript harness reads as a case result (samples for models, TFLOP for SGEMM).

Architectures match packages/backend-cuda/src/gpu-check/models.ts: same layers, sizes, SGD, softmax
cross-entropy, random inputs.
"""

import argparse
import json
import time

import torch
from torch import nn


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(7 * 7 * 64, 128), nn.ReLU(), nn.Linear(128, 10),
    )


class TransformerBlock(nn.Module):
    """Token + position embedding, one post-norm encoder layer (ReLU FFN, no dropout), mean pool, linear."""

    def __init__(self, vocabulary=1000, length=64, model=128, heads=4, ffn=512, classes=10):
        super().__init__()
        self.embedding = nn.Embedding(vocabulary, model)
        self.position = nn.Parameter(torch.randn(length, model) * 0.1)
        self.encoder = nn.TransformerEncoderLayer(model, heads, ffn, dropout=0.0, batch_first=True, norm_first=False)
        self.classifier = nn.Linear(model, classes)

    def forward(self, tokens):
        return self.classifier(self.encoder(self.embedding(tokens) + self.position).mean(dim=1))


def model_case(name, batch, device):
    if name == "mlp":
        return mlp(), torch.randn(batch, 784, device=device)
    if name == "cnn":
        return cnn(), torch.randn(batch, 1, 28, 28, device=device)
    if name == "transformer":
        return TransformerBlock(), torch.randint(0, 1000, (batch, 64), device=device)
    raise ValueError(name)


def train(name, batch, steps, warmup):
    device = torch.device("cuda")
    model, x = model_case(name, batch, device)
    model = model.to(device)
    y = torch.randint(0, 10, (batch,), device=device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    loss_fn = nn.CrossEntropyLoss()

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        return loss

    for _ in range(warmup):
        step()
    torch.cuda.synchronize()
    started = time.perf_counter()
    for _ in range(steps):
        loss = step()
    loss.item()
    torch.cuda.synchronize()
    return {"units": batch * steps, "seconds": time.perf_counter() - started}


def sgemm(size, steps, warmup):
    a = torch.randn(size, size, device="cuda")
    b = torch.randn(size, size, device="cuda")
    for _ in range(warmup):
        torch.mm(a, b)
    torch.cuda.synchronize()
    started = time.perf_counter()
    for _ in range(steps):
        c = torch.mm(a, b)
    torch.cuda.synchronize()
    del c
    return {"units": 2 * size**3 * steps / 1e12, "seconds": time.perf_counter() - started}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--case", required=True, choices=["mlp", "cnn", "transformer", "sgemm"])
    parser.add_argument("--precision", default="fp32", choices=["fp32", "tf32"])
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--size", type=int, default=4096)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    tf32 = args.precision == "tf32"
    torch.backends.cuda.matmul.allow_tf32 = tf32
    torch.backends.cudnn.allow_tf32 = tf32
    torch.manual_seed(0)
    result = sgemm(args.size, args.steps, args.warmup) if args.case == "sgemm" else train(args.case, args.batch, args.steps, args.warmup)
    result["device"] = torch.cuda.get_device_name()
    result["torch"] = torch.__version__
    print(json.dumps(result))


if __name__ == "__main__":
    main()
