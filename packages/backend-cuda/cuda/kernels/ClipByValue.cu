// ClipByValue: min(max(x, p0), p1), NaN passing through (the cpu backend compares, it does not clamp).
#include "tessera/unary.cuh"

TS_UNARY_P(f32, float, x > p1 ? p1 : (x < p0 ? p0 : x))
TS_UNARY_P(i32, int, x > p1 ? (int)p1 : (x < p0 ? (int)p0 : x))
