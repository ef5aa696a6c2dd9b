// Mean: the sum scaled by 1/count in its last pass; over rows or columns (two passes for long reductions).
#include "tessera/reduce.cuh"

TS_REDUCE_ALL(SumOp)
