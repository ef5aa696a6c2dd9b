// Maximum: max(a, b); NaN wins like Math.max.
#include "tessera/binary.cuh"

TS_BINARY(f32, float, float, (a != a || b != b) ? NAN : fmaxf(a, b))
TS_BINARY(i32, int, int, max(a, b))
