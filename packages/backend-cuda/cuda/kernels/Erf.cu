// Erf: the error function (CUDA's erff; the cpu backend's polynomial differs by < 2e-7).
#include "tessera/unary.cuh"

TS_UNARY(f32, float, erff(x))
