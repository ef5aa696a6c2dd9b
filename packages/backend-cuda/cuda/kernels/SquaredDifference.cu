// SquaredDifference: (a − b)².
#include "tessera/binary.cuh"

TS_BINARY_ARITHMETIC((a - b) * (a - b))
