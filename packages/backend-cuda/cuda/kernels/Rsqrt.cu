// Rsqrt: 1/√x.
#include "tessera/unary.cuh"

TS_UNARY(f32, float, rsqrtf(x))
