// Cos: cos x.
#include "tessera/unary.cuh"

TS_UNARY(f32, float, cosf(x))
