// Relu6: min(max(x, 0), 6).
#include "tessera/unary.cuh"

TS_UNARY(f32, float, x < 0.f ? 0.f : (x > 6.f ? 6.f : x))
TS_UNARY(i32, int, x < 0 ? 0 : (x > 6 ? 6 : x))
