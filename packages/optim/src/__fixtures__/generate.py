#!/usr/bin/python3
"""Reference values for @tessera/optim's tests.

Run with Debian's python3-torch / python3-numpy:  /usr/bin/python3 generate.py
Writes optimizers.json, losses.json and schedules.json beside this script.

* Optimizers: parameter trajectories from torch.optim (foreach=False, float32) on fixed gradient
  sequences; Keras-convention cases from the Keras 3 update rules written out in numpy float32 (Keras is
  not installable here). NAdam follows PyTorch >= 2.0 (1.13, installed here, multiplies mu_t into
  mu_product_next twice); Lion follows the paper's algorithm (torch.optim has no Lion).
* Losses: per-example values and d(sum(w * loss))/d(predictions) from torch autograd, using PyTorch's
  losses where they exist and the Keras formulas (probability clipping at 1e-7) otherwise.
* Schedules: learning rates from torch.optim.lr_scheduler.
"""
import json
import math
import os

import numpy as np
import torch
import warnings

warnings.filterwarnings("ignore", category=UserWarning)

torch.set_default_dtype(torch.float32)
HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = 6
F = np.float32


def listify(a):
    return np.asarray(a, dtype=np.float64).tolist()


def nan_to_none(x):
    if isinstance(x, list):
        return [nan_to_none(v) for v in x]
    return None if isinstance(x, float) and math.isnan(x) else x


# ----------------------------------------------------------------------------------------------------
# Optimizers
# ----------------------------------------------------------------------------------------------------
rng = np.random.default_rng(20240601)
SHAPES = {"dense/kernel": (3, 4), "dense/bias": (4,)}
P0 = {k: (rng.choice([-1.0, 1.0], s) * rng.uniform(2.0, 4.0, s)).astype(F) for k, s in SHAPES.items()}
GRADS = [{k: rng.normal(0, 1, s).astype(F) for k, s in SHAPES.items()} for _ in range(STEPS)]


def torch_run(make_opt, grads=GRADS, scheduler=None, grad_fn=None, skip=lambda g: False, ema_decay=None):
    params = {k: torch.tensor(v.copy(), requires_grad=True) for k, v in P0.items()}
    opt = make_opt(params)
    sched = scheduler(opt) if scheduler else None
    traj, ema_traj, ema = [], [], None
    for g in grads:
        gt = {k: torch.tensor(v) for k, v in g.items()}
        if grad_fn:
            gt = grad_fn(gt)
        if not skip(gt):
            for k, p in params.items():
                p.grad = gt[k].clone()
            opt.step()
            if sched:
                sched.step()
        with torch.no_grad():
            if ema_decay is not None:
                if ema is None:
                    ema = {k: p.detach().clone() for k, p in params.items()}
                else:
                    ema = {k: ema[k] * ema_decay + p.detach() * (1 - ema_decay) for k, p in params.items()}
                ema_traj.append({k: listify(v.numpy()) for k, v in ema.items()})
        traj.append({k: listify(p.detach().numpy()) for k, p in params.items()})
    return traj, ema_traj


class NAdam2(torch.optim.Optimizer):
    """torch.optim.NAdam's single-tensor update as of PyTorch >= 2.0 (no weight decay options beyond L2)."""

    def __init__(self, params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, momentum_decay=4e-3):
        super().__init__(params, dict(lr=lr, betas=betas, eps=eps, weight_decay=weight_decay, momentum_decay=momentum_decay))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            lr, eps, wd, psi = group["lr"], group["eps"], group["weight_decay"], group["momentum_decay"]
            for p in group["params"]:
                st = self.state[p]
                if not st:
                    st["step"], st["mu_product"] = 0, torch.ones((), dtype=torch.float32)
                    st["exp_avg"], st["exp_avg_sq"] = torch.zeros_like(p), torch.zeros_like(p)
                st["step"] += 1
                step, grad = st["step"], p.grad
                if wd != 0:
                    grad = grad.add(p, alpha=wd)
                bias_correction2 = 1 - beta2 ** step
                mu = beta1 * (1.0 - 0.5 * (0.96 ** (step * psi)))
                mu_next = beta1 * (1.0 - 0.5 * (0.96 ** ((step + 1) * psi)))
                st["mu_product"] *= mu
                mu_product = st["mu_product"].item()
                mu_product_next = mu_product * mu_next
                st["exp_avg"].mul_(beta1).add_(grad, alpha=1 - beta1)
                st["exp_avg_sq"].mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
                denom = st["exp_avg_sq"].div(bias_correction2).sqrt().add_(eps)
                p.addcdiv_(grad, denom, value=-lr * (1.0 - mu) / (1.0 - mu_product))
                p.addcdiv_(st["exp_avg"], denom, value=-lr * mu_next / (1.0 - mu_product_next))


class Lion(torch.optim.Optimizer):
    """Lion as in Chen et al. 2023, Algorithm 2 (decoupled weight decay)."""

    def __init__(self, params, lr=1e-4, betas=(0.9, 0.99), weight_decay=0.0):
        super().__init__(params, dict(lr=lr, betas=betas, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            b1, b2 = group["betas"]
            for p in group["params"]:
                st = self.state[p]
                if not st:
                    st["exp_avg"] = torch.zeros_like(p)
                m = st["exp_avg"]
                c = m * b1 + p.grad * (1 - b1)
                assert c.abs().min() > 1e-5, "sign() too close to 0 for a stable reference"
                p.mul_(1 - group["lr"] * group["weight_decay"])
                p.add_(torch.sign(c), alpha=-group["lr"])
                m.mul_(b2).add_(p.grad, alpha=1 - b2)


def groups(params, wd_kernel_only=None):
    if wd_kernel_only is None:
        return list(params.values())
    return [
        {"params": [params["dense/kernel"]]},
        {"params": [params["dense/bias"]], "weight_decay": 0.0},
    ]


def T(cls, mask=False, **kw):
    return lambda ps: cls(groups(ps, True if mask else None), **kw)


def Tf(cls, mask=False, **kw):
    return lambda ps: cls(groups(ps, True if mask else None), foreach=False, **kw)


# --- Keras 3 update rules, numpy float32 ------------------------------------------------------------
def keras_run(update, init, lr, wd=0.0, lr_at=None):
    params = {k: v.copy() for k, v in P0.items()}
    slots = {k: init(v) for k, v in params.items()}
    traj = []
    for t, g in enumerate(GRADS, start=1):
        eta = F(lr_at(t - 1) if lr_at else lr)
        for k in params:
            p = params[k]
            if wd:
                p = p - p * F(wd) * eta
            params[k] = update(p, g[k], slots[k], eta, t)
        traj.append({k: listify(v) for k, v in params.items()})
    return traj


def zeros(*names):
    return lambda p: {n: np.zeros_like(p) for n in names}


def k_sgd(momentum=0.0, nesterov=False):
    def up(p, g, s, lr, t):
        if momentum == 0:
            return p - g * lr
        s["m"] = s["m"] * F(momentum) - g * lr
        return p + (s["m"] * F(momentum) - g * lr) if nesterov else p + s["m"]
    return up, zeros("m")


def k_adam(b1=0.9, b2=0.999, eps=1e-7, amsgrad=False):
    def up(p, g, s, lr, t):
        alpha = lr * F(math.sqrt(1 - F(b2) ** t)) / F(1 - F(b1) ** t)
        s["m"] = s["m"] + (g - s["m"]) * F(1 - b1)
        s["v"] = s["v"] + (g * g - s["v"]) * F(1 - b2)
        v = s["v"]
        if amsgrad:
            s["vh"] = np.maximum(s["vh"], s["v"])
            v = s["vh"]
        return p - (s["m"] * alpha) / (np.sqrt(v) + F(eps))
    return up, zeros("m", "v", "vh")


def k_rmsprop(rho=0.9, eps=1e-7, momentum=0.0, centered=False):
    def up(p, g, s, lr, t):
        s["v"] = F(rho) * s["v"] + F(1 - rho) * g * g
        if centered:
            s["a"] = F(rho) * s["a"] + F(1 - rho) * g
            denom = s["v"] - s["a"] * s["a"] + F(eps)
        else:
            denom = s["v"] + F(eps)
        inc = lr * g / np.sqrt(denom)
        if momentum > 0:
            s["m"] = F(momentum) * s["m"] + inc
            return p - s["m"]
        return p - inc
    return up, zeros("v", "a", "m")


def k_adagrad(init=0.1, eps=1e-7):
    def up(p, g, s, lr, t):
        s["acc"] = s["acc"] + g * g
        return p - lr * g / np.sqrt(s["acc"] + F(eps))
    return up, lambda p: {"acc": np.full_like(p, F(init))}


def k_adadelta(rho=0.95, eps=1e-7):
    def up(p, g, s, lr, t):
        s["ag"] = F(rho) * s["ag"] + F(1 - rho) * g * g
        dv = -(np.sqrt(s["ad"] + F(eps)) * g) / np.sqrt(s["ag"] + F(eps))
        s["ad"] = F(rho) * s["ad"] + F(1 - rho) * dv * dv
        return p + lr * dv
    return up, zeros("ag", "ad")


def k_adamax(b1=0.9, b2=0.999, eps=1e-7):
    def up(p, g, s, lr, t):
        s["m"] = s["m"] + (g - s["m"]) * F(1 - b1)
        s["u"] = np.maximum(F(b2) * s["u"], np.abs(g))
        return p - (lr * s["m"]) / (F(1 - F(b1) ** t) * (s["u"] + F(eps)))
    return up, zeros("m", "u")


def k_nadam(b1=0.9, b2=0.999, eps=1e-7):
    prod = {"value": F(1.0), "t": 0}

    def up(p, g, s, lr, t):
        if prod["t"] != t:  # Keras updates the product once per step, before the per-variable updates
            prod["value"] = prod["value"] * F(b1) * F(1.0 - 0.5 * F(0.96) ** t)
            prod["t"] = t
        u_t = F(b1) * F(1.0 - 0.5 * F(0.96) ** t)
        u_t1 = F(b1) * F(1.0 - 0.5 * F(0.96) ** (t + 1))
        up_t, up_t1 = prod["value"], prod["value"] * u_t1
        s["m"] = s["m"] + (g - s["m"]) * F(1 - b1)
        s["v"] = s["v"] + (g * g - s["v"]) * F(1 - b2)
        m_hat = u_t1 * s["m"] / F(1 - up_t1) + F(1 - u_t) * g / F(1 - up_t)
        v_hat = s["v"] / F(1 - F(b2) ** t)
        return p - (m_hat * lr) / (np.sqrt(v_hat) + F(eps))
    return up, zeros("m", "v")


def k_lion(b1=0.9, b2=0.99):
    def up(p, g, s, lr, t):
        c = s["m"] * F(b1) + g * F(1 - b1)
        p = p - lr * np.sign(c)
        s["m"] = s["m"] * F(b2) + g * F(1 - b2)
        return p
    return up, zeros("m")


def clip_global(max_norm):
    def f(gt):
        norm = torch.sqrt(sum((g * g).sum() for g in gt.values()))
        factor = max_norm / torch.maximum(norm, torch.tensor(max_norm))
        return {k: g * factor for k, g in gt.items()}
    return f


def accumulate(k):
    # Mean of k consecutive gradients, applied once per k steps (the other steps are no-ops).
    out, acc = [], None
    for i, g in enumerate(GRADS):
        acc = {n: (v.copy() if acc is None else acc[n] + v) for n, v in g.items()}
        if (i + 1) % k == 0:
            out.append({n: v / F(k) for n, v in acc.items()})
            acc = None
    return out


def cosine(lr, T):
    return lambda t: lr * 0.5 * (1 + math.cos(math.pi * min(t, T) / T))


cases = []


def case(name, factory, options, reference, traj, **extra):
    cases.append({"name": name, "factory": factory, "options": options, "reference": reference, "trajectory": traj, **extra})


def tcase(name, factory, options, reference, make, wrap=None, **kw):
    traj, ema = torch_run(make, **kw)
    extra = {"ema": ema} if kw.get("ema_decay") is not None else {}
    if wrap:
        extra["wrap"] = wrap
    case(name, factory, options, reference, traj, **extra)


SGD, Adam, AdamW, RMSprop = torch.optim.SGD, torch.optim.Adam, torch.optim.AdamW, torch.optim.RMSprop
Adagrad, Adadelta, Adamax = torch.optim.Adagrad, torch.optim.Adadelta, torch.optim.Adamax

tcase("sgd", "sgd", {"learningRate": 0.1}, "torch.optim.SGD", Tf(SGD, lr=0.1))
tcase("sgd momentum", "sgd", {"learningRate": 0.1, "momentum": 0.9}, "torch.optim.SGD", Tf(SGD, lr=0.1, momentum=0.9))
tcase("sgd nesterov + weight decay", "sgd", {"learningRate": 0.05, "momentum": 0.8, "nesterov": True, "weightDecay": 0.01},
      "torch.optim.SGD", Tf(SGD, lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.01))
tcase("sgd dampening", "sgd", {"learningRate": 0.1, "momentum": 0.9, "dampening": 0.3}, "torch.optim.SGD",
      Tf(SGD, lr=0.1, momentum=0.9, dampening=0.3))
tcase("adam", "adam", {"learningRate": 0.01}, "torch.optim.Adam", Tf(Adam, lr=0.01))
tcase("adam defaults", "adam", {}, "torch.optim.Adam", Tf(Adam))
tcase("adam amsgrad + L2", "adam", {"learningRate": 0.01, "amsgrad": True, "weightDecay": 0.1, "beta2": 0.9},
      "torch.optim.Adam", Tf(Adam, lr=0.01, amsgrad=True, weight_decay=0.1, betas=(0.9, 0.9)))
tcase("adamw", "adamw", {"learningRate": 0.01}, "torch.optim.AdamW", Tf(AdamW, lr=0.01))
tcase("adamw masked amsgrad", "adamw", {"learningRate": 0.01, "weightDecay": 0.5, "amsgrad": True, "weightDecayMask": "excludeBiasesAndNorms"},
      "torch.optim.AdamW (bias in a weight_decay=0 group)", Tf(AdamW, mask=True, lr=0.01, weight_decay=0.5, amsgrad=True))
tcase("rmsprop", "rmsprop", {}, "torch.optim.RMSprop", Tf(RMSprop))
tcase("rmsprop centered momentum", "rmsprop", {"learningRate": 0.01, "momentum": 0.9, "centered": True, "weightDecay": 0.01},
      "torch.optim.RMSprop", Tf(RMSprop, lr=0.01, momentum=0.9, centered=True, weight_decay=0.01))
tcase("adagrad", "adagrad", {"learningRate": 0.1}, "torch.optim.Adagrad", Tf(Adagrad, lr=0.1))
tcase("adagrad lr decay", "adagrad", {"learningRate": 0.1, "lrDecay": 0.1, "initialAccumulatorValue": 0.5, "weightDecay": 0.01},
      "torch.optim.Adagrad", Tf(Adagrad, lr=0.1, lr_decay=0.1, initial_accumulator_value=0.5, weight_decay=0.01))
tcase("adadelta", "adadelta", {}, "torch.optim.Adadelta", Tf(Adadelta))
tcase("adadelta rho + L2", "adadelta", {"learningRate": 2.0, "rho": 0.5, "weightDecay": 0.1}, "torch.optim.Adadelta",
      Tf(Adadelta, lr=2.0, rho=0.5, weight_decay=0.1))
tcase("adamax", "adamax", {"learningRate": 0.01}, "torch.optim.Adamax", Tf(Adamax, lr=0.01))
tcase("adamax + L2", "adamax", {"learningRate": 0.01, "weightDecay": 0.1}, "torch.optim.Adamax", Tf(Adamax, lr=0.01, weight_decay=0.1))
tcase("nadam", "nadam", {"learningRate": 0.01}, "torch.optim.NAdam (PyTorch >= 2.0 formula)", T(NAdam2, lr=0.01))
tcase("nadam + L2", "nadam", {"learningRate": 0.01, "weightDecay": 0.1, "momentumDecay": 0.01}, "torch.optim.NAdam (PyTorch >= 2.0 formula)",
      T(NAdam2, lr=0.01, weight_decay=0.1, momentum_decay=0.01))
tcase("lion", "lion", {"learningRate": 0.01}, "Lion, Chen et al. 2023 (torch ops)", T(Lion, lr=0.01))
tcase("lion + decay", "lion", {"learningRate": 0.01, "weightDecay": 0.5, "beta1": 0.8}, "Lion, Chen et al. 2023 (torch ops)",
      T(Lion, lr=0.01, weight_decay=0.5, betas=(0.8, 0.99)))
tcase("adam + step decay", "adam", {"learningRate": {"schedule": "stepDecay", "initialValue": 0.01, "stepSize": 2, "gamma": 0.5}},
      "torch.optim.Adam + lr_scheduler.StepLR", Tf(Adam, lr=0.01), scheduler=lambda o: torch.optim.lr_scheduler.StepLR(o, 2, 0.5))
tcase("sgd momentum + cosine", "sgd", {"learningRate": {"schedule": "cosineDecay", "initialValue": 0.1, "decaySteps": 6}, "momentum": 0.9},
      "torch.optim.SGD + lr_scheduler.CosineAnnealingLR", Tf(SGD, lr=0.1, momentum=0.9),
      scheduler=lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, 6))
tcase("clip by global norm + sgd momentum", "sgd", {"learningRate": 0.1, "momentum": 0.9}, "clip (optax formula) then torch.optim.SGD",
      Tf(SGD, lr=0.1, momentum=0.9), grad_fn=clip_global(1.5), wrap={"clipByGlobalNorm": 1.5})
acc = accumulate(3)
traj, _ = torch_run(Tf(Adam, lr=0.01), grads=acc)
case("accumulate 3 + adam", "adam", {"learningRate": 0.01}, "torch.optim.Adam on the mean of 3 gradients",
     [traj[i // 3] if (i + 1) % 3 == 0 else (traj[i // 3 - 1] if i >= 3 else {k: listify(v) for k, v in P0.items()}) for i in range(STEPS)],
     wrap={"accumulateGradients": 3})
tcase("ema + adam", "adam", {"learningRate": 0.05}, "torch.optim.Adam + EMA (first step copies, as AveragedModel / Keras use_ema)",
      Tf(Adam, lr=0.05), ema_decay=0.8, wrap={"emaDecay": 0.8})
NAN_STEP = 2
nan_grads = [dict(g) for g in GRADS]
nan_grads[NAN_STEP] = {k: v.copy() for k, v in GRADS[NAN_STEP].items()}
nan_grads[NAN_STEP]["dense/bias"][1] = np.nan
traj, _ = torch_run(Tf(SGD, lr=0.1, momentum=0.9), grads=nan_grads, skip=lambda g: any(bool(torch.isnan(v).any()) for v in g.values()))
case("skip non-finite + sgd momentum", "sgd", {"learningRate": 0.1, "momentum": 0.9}, "torch.optim.SGD, step skipped as GradScaler does",
     traj, wrap={"skipIfNotFinite": True}, grads=[{k: nan_to_none(listify(v)) for k, v in g.items()} for g in nan_grads])

K = "Keras 3 update rule (numpy float32)"
up, init = k_sgd()
case("keras sgd", "sgd", {"convention": "keras", "learningRate": 0.1}, K, keras_run(up, init, 0.1))
up, init = k_sgd(0.9, True)
case("keras sgd nesterov + decay", "sgd", {"convention": "keras", "learningRate": 0.05, "momentum": 0.9, "nesterov": True, "weightDecay": 0.1}, K,
     keras_run(up, init, 0.05, wd=0.1))
up, init = k_sgd(0.9)
case("keras sgd momentum + cosine", "sgd", {"convention": "keras", "momentum": 0.9, "learningRate": {"schedule": "cosineDecay", "initialValue": 0.1, "decaySteps": 6}},
     K, keras_run(up, init, None, lr_at=cosine(0.1, 6)))
for name, opts, fn, lr, kw in [
    ("keras adam", {"learningRate": 0.01}, k_adam, 0.01, {}),
    ("keras adam defaults", {}, k_adam, 1e-3, {}),
    ("keras adam amsgrad", {"learningRate": 0.01, "amsgrad": True, "beta2": 0.9}, k_adam, 0.01, {"amsgrad": True, "b2": 0.9}),
    ("keras rmsprop", {}, k_rmsprop, 1e-3, {}),
    ("keras rmsprop centered momentum", {"learningRate": 0.01, "centered": True, "momentum": 0.9}, k_rmsprop, 0.01, {"centered": True, "momentum": 0.9}),
    ("keras adagrad", {"learningRate": 0.1}, k_adagrad, 0.1, {}),
    ("keras adadelta", {"learningRate": 1.0}, k_adadelta, 1.0, {}),
    ("keras adamax", {"learningRate": 0.01}, k_adamax, 0.01, {}),
    ("keras nadam", {"learningRate": 0.01}, k_nadam, 0.01, {}),
    ("keras lion", {"learningRate": 0.01}, k_lion, 0.01, {}),
]:
    up, init = fn(**kw)
    case(name, name.split()[1], {"convention": "keras", **opts}, K, keras_run(up, init, lr))
up, init = k_adam()
case("keras adamw", "adamw", {"convention": "keras", "learningRate": 0.01}, K, keras_run(up, init, 0.01, wd=0.004))
up, init = k_adam()
case("keras adam + weight decay", "adam", {"convention": "keras", "learningRate": 0.01, "weightDecay": 0.2}, K, keras_run(up, init, 0.01, wd=0.2))
up, init = k_rmsprop(momentum=0.5)
case("keras rmsprop momentum + decay", "rmsprop", {"convention": "keras", "learningRate": 0.01, "momentum": 0.5, "weightDecay": 0.3}, K,
     keras_run(up, init, 0.01, wd=0.3))

optim_fixture = {
    "generator": "generate.py", "torch": torch.__version__, "numpy": np.__version__, "steps": STEPS,
    "initialParams": {k: {"shape": list(v.shape), "values": listify(v.ravel())} for k, v in P0.items()},
    "grads": [{k: listify(v.ravel()) for k, v in g.items()} for g in GRADS],
    "cases": [],
}
for c in cases:
    c = dict(c)
    c["trajectory"] = [{k: list(np.ravel(v)) for k, v in step.items()} for step in c["trajectory"]]
    if "ema" in c:
        c["ema"] = [{k: list(np.ravel(v)) for k, v in step.items()} for step in c["ema"]]
    if "grads" in c:
        c["grads"] = [{k: list(np.ravel(np.array(v, dtype=object))) for k, v in g.items()} for g in c["grads"]]
    optim_fixture["cases"].append(c)
with open(os.path.join(HERE, "optimizers.json"), "w") as f:
    json.dump(optim_fixture, f, indent=1, allow_nan=False)
print(f"optimizers.json: {len(cases)} cases")


# ----------------------------------------------------------------------------------------------------
# Schedules
# ----------------------------------------------------------------------------------------------------
def lr_trace(make, steps, lr=0.1):
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=lr)
    sched = make(opt)
    out = []
    for _ in range(steps):
        out.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return out


S = torch.optim.lr_scheduler
schedule_cases = [
    ("stepDecay", {"initialValue": 0.1, "stepSize": 3, "gamma": 0.5}, "StepLR", lr_trace(lambda o: S.StepLR(o, 3, 0.5), 12)),
    ("piecewiseConstant", {"boundaries": [3, 7], "values": [0.1, 0.01, 0.001]}, "MultiStepLR",
     lr_trace(lambda o: S.MultiStepLR(o, [3, 7], 0.1), 10)),
    ("exponentialDecay", {"initialValue": 0.1, "decaySteps": 1, "decayRate": 0.9}, "ExponentialLR",
     lr_trace(lambda o: S.ExponentialLR(o, 0.9), 12)),
    ("cosineDecay", {"initialValue": 0.1, "decaySteps": 10, "alpha": 0.1}, "CosineAnnealingLR",
     lr_trace(lambda o: S.CosineAnnealingLR(o, 10, eta_min=0.01), 11)),
    ("cosineDecay", {"initialValue": 0.1, "decaySteps": 4, "alpha": 0.1, "restarts": {"periodMultiplier": 2}},
     "CosineAnnealingWarmRestarts(T_mult=2)", lr_trace(lambda o: S.CosineAnnealingWarmRestarts(o, 4, T_mult=2, eta_min=0.01), 40)),
    ("cosineDecay", {"initialValue": 0.1, "decaySteps": 5, "restarts": {"periodMultiplier": 1}},
     "CosineAnnealingWarmRestarts(T_mult=1)", lr_trace(lambda o: S.CosineAnnealingWarmRestarts(o, 5, T_mult=1), 23)),
    ("polynomialDecay", {"initialValue": 0.1, "decaySteps": 8, "power": 2}, "PolynomialLR",
     lr_trace(lambda o: S.PolynomialLR(o, total_iters=8, power=2), 12)),
    ("oneCycle", {"maxValue": 0.1, "totalSteps": 20}, "OneCycleLR", lr_trace(lambda o: S.OneCycleLR(o, 0.1, total_steps=20), 20)),
    ("oneCycle", {"maxValue": 0.1, "totalSteps": 20, "annealStrategy": "linear", "pctStart": 0.25}, "OneCycleLR(linear)",
     lr_trace(lambda o: S.OneCycleLR(o, 0.1, total_steps=20, anneal_strategy="linear", pct_start=0.25), 20)),
    ("oneCycle", {"maxValue": 0.1, "totalSteps": 30, "threePhase": True, "divFactor": 10, "finalDivFactor": 100}, "OneCycleLR(three_phase)",
     lr_trace(lambda o: S.OneCycleLR(o, 0.1, total_steps=30, three_phase=True, div_factor=10, final_div_factor=100), 30)),
    ("linearWarmup", {"warmupSteps": 5, "initialValue": 0.01, "schedule": {"name": "cosineDecay", "initialValue": 0.1, "decaySteps": 10}},
     "SequentialLR(LinearLR(0.1, 5), CosineAnnealingLR(10))",
     lr_trace(lambda o: S.SequentialLR(o, [S.LinearLR(o, 0.1, total_iters=5), S.CosineAnnealingLR(o, 10)], milestones=[5]), 16)),
]
with open(os.path.join(HERE, "schedules.json"), "w") as f:
    json.dump({"generator": "generate.py", "torch": torch.__version__,
               "cases": [{"schedule": n, "options": o, "reference": f"torch.optim.lr_scheduler.{r}", "values": v} for n, o, r, v in schedule_cases]},
              f, indent=1, allow_nan=False)
print(f"schedules.json: {len(schedule_cases)} cases")


# ----------------------------------------------------------------------------------------------------
# Losses
# ----------------------------------------------------------------------------------------------------
lrng = np.random.default_rng(7)
EPS = 1e-7
B, C = 4, 5
nn = torch.nn.functional


def t32(a):
    return torch.tensor(np.asarray(a, dtype=F))


def keras_hinge_labels(y):
    binary = bool(((y == 0) | (y == 1)).all())
    return 2 * y - 1 if binary else y


def keras_normalize(x):
    return x * torch.rsqrt(torch.clamp(torch.sum(x * x, -1, keepdim=True), min=EPS * EPS))


def k_bce_probs(y, p, ls=0.0):
    y = y * (1 - ls) + 0.5 * ls
    p = torch.clamp(p, EPS, 1 - EPS)
    return torch.mean(-(y * torch.log(p) + (1 - y) * torch.log(1 - p)), -1)


def cce_probs(y, p, ls=0.0):
    y = y * (1 - ls) + ls / p.shape[-1]
    p = torch.clamp(p / p.sum(-1, keepdim=True), EPS, 1 - EPS)
    return -(y * torch.log(p)).sum(-1)


def sparse_probs(y, p):
    p = torch.clamp(p / p.sum(-1, keepdim=True), EPS, 1 - EPS)
    return -torch.log(p).gather(-1, y.long().unsqueeze(-1)).squeeze(-1)


def onehot(labels):
    return np.eye(C, dtype=F)[labels]


def probs(shape):
    x = lrng.uniform(0.05, 1, shape).astype(F)
    return (x / x.sum(-1, keepdims=True)).astype(F)


labels = lrng.integers(0, C, B)
reg_t, reg_p = lrng.normal(0, 1, (B, C)).astype(F), lrng.normal(0, 1, (B, C)).astype(F)
bin_t = lrng.integers(0, 2, (B, C)).astype(F)
bin_p = lrng.uniform(0.02, 0.98, (B, C)).astype(F)
bin_p[0, :2] = [0.0, 1.0]  # clipped to [1e-7, 1 - 1e-7]
logits = lrng.normal(0, 3, (B, C)).astype(F)
extreme = logits.copy()
extreme[0] = [100, -100, 100, -100, 0]
extreme[1] = [-100, -100, -100, -100, 100]
pm1_t = np.where(lrng.integers(0, 2, (B, C)) == 1, 1.0, -1.0).astype(F)
pos_t, pos_p = lrng.uniform(0.1, 3, (B, C)).astype(F), lrng.uniform(0.1, 3, (B, C)).astype(F)
msle_p = pos_p.copy()
msle_p[0, 0] = -0.5  # below epsilon: clamped, zero gradient
kl_t = probs((B, C))
kl_t[0, 0] = 0.0  # clipped to 1e-7
cce_p = probs((B, C))
cce_p[1, 2] = 0.0  # clipped

W = lrng.uniform(0.5, 1.5, (B,)).astype(F)  # cotangent: gradients are of sum(W * loss)


def loss_case(name, fn, options, reference, targets, predictions, torch_fn, grad_targets=False, integer_targets=False):
    y = t32(targets) if not integer_targets else torch.tensor(np.asarray(targets), dtype=torch.int64)
    p = t32(predictions).requires_grad_(True)
    if grad_targets:
        y.requires_grad_(True)
    value = torch_fn(y, p)
    (value * t32(W)).sum().backward()
    out = {"name": name, "loss": fn, "options": options, "reference": reference,
           "targets": listify(np.asarray(targets, dtype=np.float64)), "predictions": listify(predictions),
           "expected": listify(value.detach().numpy()), "gradPredictions": listify(p.grad.numpy())}
    if grad_targets:
        out["gradTargets"] = listify(y.grad.numpy())
    assert np.all(np.isfinite(out["expected"])) and np.all(np.isfinite(out["gradPredictions"])), name
    return out


KF = "Keras formula (torch autograd)"
loss_cases = [
    loss_case("mse", "meanSquaredError", {}, "torch.nn.MSELoss(reduction='none').mean(-1)", reg_t, reg_p,
              lambda y, p: nn.mse_loss(p, y, reduction="none").mean(-1)),
    loss_case("mae", "meanAbsoluteError", {}, "torch.nn.L1Loss(reduction='none').mean(-1)", reg_t, reg_p,
              lambda y, p: nn.l1_loss(p, y, reduction="none").mean(-1)),
    loss_case("msle", "meanSquaredLogarithmicError", {}, KF, pos_t, msle_p,
              lambda y, p: ((torch.log(torch.clamp(p, min=EPS) + 1) - torch.log(torch.clamp(y, min=EPS) + 1)) ** 2).mean(-1)),
    loss_case("huber", "huber", {}, "torch.nn.HuberLoss(reduction='none').mean(-1)", reg_t, reg_p * 2,
              lambda y, p: nn.huber_loss(p, y, reduction="none", delta=1.0).mean(-1)),
    loss_case("huber delta 0.5", "huber", {"delta": 0.5}, "torch.nn.HuberLoss(delta=0.5)", reg_t, reg_p * 2,
              lambda y, p: nn.huber_loss(p, y, reduction="none", delta=0.5).mean(-1)),
    loss_case("log-cosh", "logCosh", {}, KF, reg_t, reg_p * 3,
              lambda y, p: (lambda x: x + nn.softplus(-2 * x) - math.log(2))(p - y).mean(-1)),
    loss_case("bce probabilities", "binaryCrossentropy", {}, KF + ", clipped to [1e-7, 1-1e-7]", bin_t, bin_p, k_bce_probs),
    loss_case("bce probabilities label smoothing", "binaryCrossentropy", {"labelSmoothing": 0.2}, KF, bin_t, bin_p,
              lambda y, p: k_bce_probs(y, p, 0.2)),
    loss_case("bce logits", "binaryCrossentropy", {"fromLogits": True}, "torch.nn.BCEWithLogitsLoss(reduction='none').mean(-1)",
              bin_t, extreme, lambda y, p: nn.binary_cross_entropy_with_logits(p, y, reduction="none").mean(-1)),
    loss_case("bce logits label smoothing", "binaryCrossentropy", {"fromLogits": True, "labelSmoothing": 0.1},
              "torch.nn.BCEWithLogitsLoss on smoothed targets", bin_t, extreme,
              lambda y, p: nn.binary_cross_entropy_with_logits(p, y * 0.9 + 0.05, reduction="none").mean(-1)),
    loss_case("cce probabilities", "categoricalCrossentropy", {}, KF + " (normalise, clip)", onehot(labels), cce_p, cce_probs),
    loss_case("cce probabilities soft targets smoothing", "categoricalCrossentropy", {"labelSmoothing": 0.1}, KF, probs((B, C)), cce_p,
              lambda y, p: cce_probs(y, p, 0.1)),
    loss_case("cce logits", "categoricalCrossentropy", {"fromLogits": True}, "torch.nn.CrossEntropyLoss (probability targets)",
              probs((B, C)), extreme, lambda y, p: nn.cross_entropy(p, y, reduction="none")),
    loss_case("cce logits label smoothing", "categoricalCrossentropy", {"fromLogits": True, "labelSmoothing": 0.2},
              "torch.nn.CrossEntropyLoss(label_smoothing=0.2)", onehot(labels), extreme,
              lambda y, p: nn.cross_entropy(p, y.argmax(-1), reduction="none", label_smoothing=0.2)),
    loss_case("sparse cce logits", "sparseCategoricalCrossentropy", {"fromLogits": True}, "torch.nn.CrossEntropyLoss (class indices)",
              labels, extreme, lambda y, p: nn.cross_entropy(p, y, reduction="none"), integer_targets=True),
    loss_case("sparse cce probabilities", "sparseCategoricalCrossentropy", {}, KF + " (normalise, clip)",
              labels, cce_p, sparse_probs, integer_targets=True),
    loss_case("kl divergence", "klDivergence", {}, KF + " (both clipped to [1e-7, 1])", kl_t, probs((B, C)),
              lambda y, p: (torch.clamp(y, EPS, 1) * torch.log(torch.clamp(y, EPS, 1) / torch.clamp(p, EPS, 1))).sum(-1)),
    loss_case("poisson", "poisson", {}, KF, pos_t, pos_p, lambda y, p: (p - y * torch.log(p + EPS)).mean(-1)),
    loss_case("cosine similarity", "cosineSimilarity", {}, KF + " (x * rsqrt(max(|x|^2, 1e-14)))", reg_t, reg_p,
              lambda y, p: -(keras_normalize(y) * keras_normalize(p)).sum(-1)),
    loss_case("hinge 0/1 labels", "hinge", {}, KF + " (0/1 labels mapped to -1/1)", bin_t, reg_p,
              lambda y, p: torch.clamp(1 - keras_hinge_labels(y) * p, min=0).mean(-1)),
    loss_case("hinge -1/1 labels", "hinge", {}, KF, pm1_t, reg_p, lambda y, p: torch.clamp(1 - y * p, min=0).mean(-1)),
    loss_case("squared hinge", "squaredHinge", {}, KF, bin_t, reg_p,
              lambda y, p: (torch.clamp(1 - keras_hinge_labels(y) * p, min=0) ** 2).mean(-1)),
    loss_case("gan generator", "nonSaturatingGeneratorLoss", {}, "torch.nn.BCEWithLogitsLoss(fake, 1).mean(-1)",
              np.zeros((B, C)), extreme, lambda y, p: nn.binary_cross_entropy_with_logits(p, torch.ones_like(p), reduction="none").mean(-1)),
    loss_case("gan discriminator", "discriminatorLoss", {}, "BCEWithLogits(real, 1) + BCEWithLogits(fake, 0), mean(-1)",
              -extreme, extreme,
              lambda r, f: (nn.binary_cross_entropy_with_logits(r, torch.ones_like(r), reduction="none")
                            + nn.binary_cross_entropy_with_logits(f, torch.zeros_like(f), reduction="none")).mean(-1),
              grad_targets=True),
]
with open(os.path.join(HERE, "losses.json"), "w") as f:
    json.dump({"generator": "generate.py", "torch": torch.__version__, "cotangent": listify(W), "cases": loss_cases},
              f, indent=1, allow_nan=False)
print(f"losses.json: {len(loss_cases)} cases")
