// LeakyRelu: x for x ≥ 0, alpha (p0)·x otherwise.
#include "tessera/unary.cuh"

TS_UNARY_P(f32, float, x < 0.f ? p0 * x : x)
