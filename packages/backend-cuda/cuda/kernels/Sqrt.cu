// Sqrt: √x.
#include "tessera/unary.cuh"

TS_UNARY(f32, float, sqrtf(x))
