// Softmax along the last axis: one block per row computes the maximum, then Σ e^(x − max), then writes.
#include "tessera/reduce.cuh"

TS_KERNEL void f32(float* __restrict__ y, const float* __restrict__ x, int rows, int length) {
  for (int row = blockIdx.x; row < rows; row += gridDim.x) {
    const float* in = x + (long long)row * length;
    float* out = y + (long long)row * length;
    float m = -INFINITY;
    for (int j = threadIdx.x; j < length; j += blockDim.x) m = fmaxf(m, in[j]);
    __shared__ float shared_max;
    m = ts_block_reduce<MaxOp, float>(m);
    if (threadIdx.x == 0) shared_max = m;
    __syncthreads();
    m = shared_max;
    float s = 0.f;
    for (int j = threadIdx.x; j < length; j += blockDim.x) s += expf(in[j] - m);
    __shared__ float shared_sum;
    s = ts_block_reduce<SumOp, float>(s);
    if (threadIdx.x == 0) shared_sum = s;
    __syncthreads();
    const float inverse = 1.f / shared_sum;
    for (int j = threadIdx.x; j < length; j += blockDim.x) out[j] = expf(in[j] - m) * inverse;
    __syncthreads();
  }
}
