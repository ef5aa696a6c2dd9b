// Prelu: x for x ≥ 0, alpha·x otherwise, alpha broadcast against x (operands x = a, alpha = b).
#include "tessera/binary.cuh"

TS_BINARY(f32, float, float, a < 0.f ? b * a : a)
