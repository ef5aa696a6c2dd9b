// Maximum over rows or columns (two passes for long reductions).
#include "tessera/reduce.cuh"

TS_REDUCE_ALL(MaxOp)
