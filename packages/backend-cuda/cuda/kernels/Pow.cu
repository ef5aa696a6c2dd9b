// Pow: aᵇ (powf; integer powers of negative bases stay real, as Math.pow).
#include "tessera/binary.cuh"

TS_BINARY(f32, float, float, powf(a, b))
TS_BINARY(i32, int, int, (int)rintf(powf((float)a, (float)b)))
