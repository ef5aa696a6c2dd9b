// Exp: eˣ.
#include "tessera/unary.cuh"

TS_UNARY(f32, float, expf(x))
