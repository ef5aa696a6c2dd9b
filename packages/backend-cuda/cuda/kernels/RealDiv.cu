// RealDiv: a / b (float32 only: tfjs casts ints before dividing).
#include "tessera/binary.cuh"

TS_BINARY(f32, float, float, a / b)
