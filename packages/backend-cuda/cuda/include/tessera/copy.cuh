// One strided copy serves every data-movement kernel (Transpose, Slice, StridedSlice, Concat, Tile,
// Reverse, PadV2, ...): for each index of `shape`, out[outBase + Σ c_k·outStrides_k] =
// in[inBase + Σ (c_k mod inDims_k)·inStrides_k]. Every device dtype is 4 bytes, so one kernel moves all.
#pragma once
#include "common.cuh"

TS_KERNEL void strided_copy(int* __restrict__ out, const int* __restrict__ in, int n, int rank, Dims shape,
                            Dims outStrides, Dims inDims, Dims inStrides, int outBase, int inBase) {
  TS_GRID_STRIDE(i, n) {
    int rest = i;
    int o = outBase;
    int s = inBase;
#pragma unroll
    for (int k = TS_MAX_RANK - 1; k >= 0; --k) {
      if (k < rank) {
        const int size = shape.d[k];
        const int c = rest % size;
        rest /= size;
        o += c * outStrides.d[k];
        s += (c % inDims.d[k]) * inStrides.d[k];
      }
    }
    out[o] = in[s];
  }
}
