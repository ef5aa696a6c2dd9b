// Relu: max(x, 0); NaN passes through like the cpu backend's `x < 0 ? 0 : x`.
#include "tessera/unary.cuh"

TS_UNARY(f32, float, x < 0.f ? 0.f : x)
TS_UNARY(i32, int, x < 0 ? 0 : x)
