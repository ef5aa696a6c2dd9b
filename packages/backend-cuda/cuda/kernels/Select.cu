// Select (tf.where): y = condition ? t : e. `conditionDivisor` maps an element to its condition entry:
// 1 when the condition has the output's shape, the size of one row when it is a vector over the first axis.
#include "tessera/common.cuh"

TS_KERNEL void select32(int* __restrict__ y, const int* __restrict__ condition, const int* __restrict__ t,
                        const int* __restrict__ e, int n, int conditionDivisor) {
  TS_GRID_STRIDE(i, n) y[i] = condition[i / conditionDivisor] != 0 ? t[i] : e[i];
}
