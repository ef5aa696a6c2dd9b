// Neg: −x.
#include "tessera/unary.cuh"

TS_UNARY(f32, float, -x)
TS_UNARY(i32, int, -x)
