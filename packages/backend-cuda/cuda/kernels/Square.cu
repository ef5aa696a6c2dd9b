// Square: x².
#include "tessera/unary.cuh"

TS_UNARY(f32, float, x * x)
TS_UNARY(i32, int, x * x)
