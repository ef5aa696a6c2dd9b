// LogicalAnd: a ∧ b on bools.
#include "tessera/binary.cuh"

TS_BINARY(i32, int, int, (a != 0 && b != 0) ? 1 : 0)
