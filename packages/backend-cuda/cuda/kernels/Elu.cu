// Elu: x for x ≥ 0, eˣ − 1 otherwise (alpha 1, as tfjs's Elu kernel).
#include "tessera/unary.cuh"

TS_UNARY(f32, float, x >= 0.f ? x : expm1f(x))
