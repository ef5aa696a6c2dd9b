// Reciprocal: 1/x.
#include "tessera/unary.cuh"

TS_UNARY(f32, float, 1.f / x)
