// OneHot: y[i, j] = j == indices[i] ? on : off (out-of-range indices give a row of `off`).
#include "tessera/common.cuh"

TS_KERNEL void f32(float* __restrict__ y, const int* __restrict__ indices, int count, int depth, float on, float off) {
  TS_GRID_STRIDE(i, count * depth) y[i] = indices[i / depth] == i % depth ? on : off;
}
TS_KERNEL void i32(int* __restrict__ y, const int* __restrict__ indices, int count, int depth, float on, float off) {
  TS_GRID_STRIDE(i, count * depth) y[i] = indices[i / depth] == i % depth ? (int)on : (int)off;
}
