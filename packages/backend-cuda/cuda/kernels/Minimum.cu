// Minimum: min(a, b); NaN wins like Math.min.
#include "tessera/binary.cuh"

TS_BINARY(f32, float, float, (a != a || b != b) ? NAN : fminf(a, b))
TS_BINARY(i32, int, int, min(a, b))
