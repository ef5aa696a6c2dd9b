// Abs: |x|.
#include "tessera/unary.cuh"

TS_UNARY(f32, float, fabsf(x))
TS_UNARY(i32, int, abs(x))
