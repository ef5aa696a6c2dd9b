// Sin: sin x.
#include "tessera/unary.cuh"

TS_UNARY(f32, float, sinf(x))
