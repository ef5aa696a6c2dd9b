// EluGrad: the gradient of Elu from its output: dy for y ≥ 0, dy·(y + 1) otherwise (operands dy = a, y = b).
#include "tessera/binary.cuh"

TS_BINARY(f32, float, float, b >= 0.f ? a : a * (b + 1.f))
