// UnsortedSegmentSum: y[segment[i], s] += x[i, s] for x viewed as [count, slice]; y is zeroed first and
// ids outside [0, segments) are dropped. Atomic adds, so float sums are not bitwise reproducible.
#include "tessera/common.cuh"

TS_KERNEL void f32(float* __restrict__ y, const float* __restrict__ x, const int* __restrict__ ids, int count,
                   int slice, int segments) {
  TS_GRID_STRIDE(i, count * slice) {
    const int id = ids[i / slice];
    if (id >= 0 && id < segments) atomicAdd(&y[(long long)id * slice + i % slice], x[i]);
  }
}
TS_KERNEL void i32(int* __restrict__ y, const int* __restrict__ x, const int* __restrict__ ids, int count, int slice,
                   int segments) {
  TS_GRID_STRIDE(i, count * slice) {
    const int id = ids[i / slice];
    if (id >= 0 && id < segments) atomicAdd(&y[(long long)id * slice + i % slice], x[i]);
  }
}
