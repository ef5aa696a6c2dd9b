// Equal: a == b → bool.
#include "tessera/binary.cuh"

TS_BINARY_COMPARE(a == b ? 1 : 0)
