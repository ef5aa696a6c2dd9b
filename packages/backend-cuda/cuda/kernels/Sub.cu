// Sub: a − b.
#include "tessera/binary.cuh"

TS_BINARY_ARITHMETIC(a - b)
