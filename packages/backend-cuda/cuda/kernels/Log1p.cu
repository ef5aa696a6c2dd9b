// Log1p: ln(1 + x), accurate near 0.
#include "tessera/unary.cuh"

TS_UNARY(f32, float, log1pf(x))
