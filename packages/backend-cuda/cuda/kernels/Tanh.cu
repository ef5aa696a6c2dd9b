// Tanh: tanh x.
#include "tessera/unary.cuh"

TS_UNARY(f32, float, tanhf(x))
