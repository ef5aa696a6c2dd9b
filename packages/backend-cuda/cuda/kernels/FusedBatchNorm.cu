// FusedBatchNorm: y = (x − mean)·/ √(variance + epsilon)·scale + offset, each parameter indexed modulo its
// length like the cpu backend (a length of 0 means absent: scale 1, offset 0).
#include "tessera/common.cuh"

TS_KERNEL void f32(float* __restrict__ y, const float* __restrict__ x, const float* __restrict__ mean,
                   const float* __restrict__ variance, const float* __restrict__ offset,
                   const float* __restrict__ scale, int n, int meanLength, int varianceLength, int offsetLength,
                   int scaleLength, float epsilon) {
  TS_GRID_STRIDE(i, n) {
    const float s = scaleLength > 0 ? scale[i % scaleLength] : 1.f;
    const float o = offsetLength > 0 ? offset[i % offsetLength] : 0.f;
    y[i] = o + (x[i] - mean[i % meanLength]) * s / sqrtf(variance[i % varianceLength] + epsilon);
  }
}
