#!/usr/bin/env python3
"""Reference sequences for createGenerator(seed).nextUint32().

An independent implementation, written from the published algorithms, of what SeededGenerator promises:
  seed -> two SplitMix64 outputs (Steele, Lea & Flood 2014) -> xoroshiro128+ state (s0, s1)
  -> each draw is the low 32 bits of s0 + s1, then the 2018 xoroshiro128+ step (a=24, b=16, c=37)
  (Blackman & Vigna, "Scrambled linear pseudorandom number generators", 2021).

Run: /usr/bin/python3 generate-xoroshiro-reference.py > xoroshiro-reference.json
"""
import json

M64 = (1 << 64) - 1


def splitmix64(state):
    while True:
        state = (state + 0x9E3779B97F4A7C15) & M64
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
        yield z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M64


def xoroshiro128plus_low32(seed, count):
    mix = splitmix64(seed & M64)
    s0, s1 = next(mix), next(mix)
    out = []
    for _ in range(count):
        out.append((s0 + s1) & 0xFFFFFFFF)
        s1 ^= s0
        s0 = rotl(s0, 24) ^ s1 ^ ((s1 << 16) & M64)
        s1 = rotl(s1, 37)
    return out


# Seeds as strings so that 64-bit values survive JSON; the test passes them as bigint.
SEEDS = [0, 1, 42, -1, 2**40 + 7, 2**64 - 5]
cases = [{"seed": str(s), "nextUint32": xoroshiro128plus_low32(s, 12)} for s in SEEDS]
print(json.dumps({"generator": __doc__.strip().splitlines()[0], "cases": cases}, indent=1))
