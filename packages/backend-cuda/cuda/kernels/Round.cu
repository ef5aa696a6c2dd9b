// Round: round half to even, like tfjs's `round` (banker's rounding).
#include "tessera/unary.cuh"

TS_UNARY(f32, float, rintf(x))
