// Log: ln x.
#include "tessera/unary.cuh"

TS_UNARY(f32, float, logf(x))
