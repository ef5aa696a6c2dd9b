// LogicalNot: logical not of a bool (stored as int 0/1).
#include "tessera/unary.cuh"

TS_UNARY(i32, int, x == 0 ? 1 : 0)
