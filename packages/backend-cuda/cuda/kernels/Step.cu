// Step: 1 for x > 0, alpha (p0) otherwise; NaN stays NaN like the cpu backend.
#include "tessera/unary.cuh"

TS_UNARY_P(f32, float, isnan(x) ? x : (x > 0.f ? 1.f : p0))
TS_UNARY_P(i32, int, x > 0 ? 1 : (int)p0)
