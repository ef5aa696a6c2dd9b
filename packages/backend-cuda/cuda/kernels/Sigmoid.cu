// Sigmoid: 1/(1 + e⁻ˣ), as the cpu backend computes it.
#include "tessera/unary.cuh"

TS_UNARY(f32, float, 1.f / (1.f + expf(-x)))
