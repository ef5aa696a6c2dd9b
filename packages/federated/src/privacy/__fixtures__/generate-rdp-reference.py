#!/usr/bin/env python3
"""Reference values for the RDP accountant of the Poisson-sampled Gaussian mechanism.

Independent of any DP library: A_alpha is evaluated from its definition (Mironov, Talwar & Zhang,
"Renyi Differential Privacy of the Sampled Gaussian Mechanism", 2019, section 3.3),

    A_alpha = E_{z ~ N(0, s^2)} [ (1 - q + q * exp((2z - 1) / (2 s^2)))^alpha ],

by adaptive numerical integration in 30-digit arithmetic (mpmath), and for integer orders also by the
exact binomial expansion. RDP(alpha) = log(A_alpha) / (alpha - 1) per step; steps add up. The conversion
to (epsilon, delta) is Balle et al., "Hypothesis Testing Interpretations and Renyi Differential Privacy"
(AISTATS 2020), Theorem 21:

    eps(alpha) = rdp(alpha) + log((alpha - 1) / alpha) - (log(delta) + log(alpha)) / (alpha - 1),

minimised over the orders. Orders are Opacus's defaults. Run: /usr/bin/python3 generate-rdp-reference.py
"""
import json
import os

import mpmath as mp

mp.mp.dps = 30

ORDERS = [1 + x / 10.0 for x in range(1, 100)] + list(range(12, 64))


def log_a_integral(q, sigma, alpha):
    q, s, a = mp.mpf(q), mp.mpf(sigma), mp.mpf(alpha)

    def integrand(z):
        density = mp.exp(-z * z / (2 * s * s)) / (s * mp.sqrt(2 * mp.pi))
        return density * (1 - q + q * mp.exp((2 * z - 1) / (2 * s * s))) ** a

    # The q-part of the integrand is a Gaussian bump centred near z = alpha: break the range there.
    lo, hi = -40 * s, a + 40 * s
    points = [-mp.inf] + [lo + (hi - lo) * k / 24 for k in range(25)] + [mp.inf]
    return mp.log(mp.quad(integrand, points))


def log_a_binomial(q, sigma, alpha):
    q, s = mp.mpf(q), mp.mpf(sigma)
    total = mp.mpf(0)
    for i in range(alpha + 1):
        total += mp.binomial(alpha, i) * q**i * (1 - q) ** (alpha - i) * mp.exp((i * i - i) / (2 * s * s))
    return mp.log(total)


CHECKED_INTEGER_ORDERS = (2, 7, 24)
_cache = {}


def rdp_per_step(q, sigma, alpha):
    key = (q, sigma, alpha)
    if key not in _cache:
        _cache[key] = _rdp_per_step(q, sigma, alpha)
    return _cache[key]


def _rdp_per_step(q, sigma, alpha):
    if q == 1.0:
        return mp.mpf(alpha) / (2 * mp.mpf(sigma) ** 2)
    if float(alpha).is_integer():
        exact = log_a_binomial(q, sigma, int(alpha))
        if alpha in CHECKED_INTEGER_ORDERS:  # the two evaluations of A_alpha must agree
            check = log_a_integral(q, sigma, alpha)
            assert abs(exact - check) <= mp.mpf(10) ** -20 * max(1, abs(exact)), (q, sigma, alpha, exact, check)
        return exact / (alpha - 1)
    return log_a_integral(q, sigma, alpha) / (mp.mpf(alpha) - 1)


def epsilon(orders, rdp, delta):
    best = None
    for a, r in zip(orders, rdp):
        a = mp.mpf(a)
        eps = r + mp.log((a - 1) / a) - (mp.log(delta) + mp.log(a)) / (a - 1)
        if best is None or eps < best[0]:
            best = (eps, a)
    return best


def case(history, delta):
    rdp = [mp.mpf(0)] * len(ORDERS)
    per_step = []
    for sigma, q, steps in history:
        one = [rdp_per_step(q, sigma, a) for a in ORDERS]
        per_step.append([float(v) for v in one])
        rdp = [r + steps * v for r, v in zip(rdp, one)]
    eps, order = epsilon(ORDERS, rdp, mp.mpf(delta))
    return {
        "history": [{"noiseMultiplier": s, "sampleRate": q, "steps": n} for s, q, n in history],
        "delta": delta,
        "epsilon": float(eps),
        "order": float(order),
        "rdpPerStep": per_step,
    }


CASES = [
    ([(1.5, 0.04, 2250)], 1e-5),  # the value Opacus gives: 7.32911117143
    ([(1.0, 0.01, 1000)], 1e-5),
    ([(0.8, 0.1, 50)], 1e-6),
    ([(4.0, 0.001, 100000)], 1e-5),
    ([(1.1, 1.0, 10)], 1e-5),  # no sub-sampling: alpha / (2 sigma^2)
    ([(1.5, 0.04, 1000), (2.0, 0.02, 500), (1.5, 0.04, 1250)], 1e-5),  # heterogeneous composition
]

if __name__ == "__main__":
    out = {"orders": ORDERS, "cases": [case(h, d) for h, d in CASES]}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rdp-reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for c in out["cases"]:
        print(c["history"], c["delta"], repr(c["epsilon"]), c["order"])
