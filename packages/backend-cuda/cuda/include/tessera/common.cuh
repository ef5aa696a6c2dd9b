// Shared definitions of every Tessera CUDA kernel. Kernels are `extern "C"` so the TypeScript side finds
// them by plain name; each module (one .cu file per tfjs kernel id) is loaded on first use.
// Arguments are packed by src/launch/argument-packer.ts: pointers 8-aligned, int/float/Dims 4-aligned.
#pragma once
#include <cfloat>
#include <climits>
#include <cmath>

#define TS_MAX_RANK 8
#define TS_KERNEL extern "C" __global__

// A shape or a stride vector; only the first `rank` entries are used.
struct Dims {
  int d[TS_MAX_RANK];
};

// Grid-stride loop: any grid size covers all n elements (launch-config.ts caps the grid).
#define TS_GRID_STRIDE(i, n) \
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += blockDim.x * gridDim.x)

// Offset of linear index i of `shape` in an operand walked with `strides`.
__device__ __forceinline__ int ts_offset(int i, int rank, const Dims& shape, const Dims& strides) {
  int offset = 0;
#pragma unroll
  for (int k = TS_MAX_RANK - 1; k >= 0; --k) {
    if (k < rank) {
      const int size = shape.d[k];
      const int coordinate = i % size;
      i /= size;
      offset += coordinate * strides.d[k];
    }
  }
  return offset;
}

// Same for two operands at once (binary broadcasting).
__device__ __forceinline__ void ts_offset2(int i, int rank, const Dims& shape, const Dims& sa, const Dims& sb,
                                           int& oa, int& ob) {
  oa = 0;
  ob = 0;
#pragma unroll
  for (int k = TS_MAX_RANK - 1; k >= 0; --k) {
    if (k < rank) {
      const int size = shape.d[k];
      const int coordinate = i % size;
      i /= size;
      oa += coordinate * sa.d[k];
      ob += coordinate * sb.d[k];
    }
  }
}

// Geometry of a 2-D convolution or pooling window over NHWC tensors (src/kernels/conv-geometry.ts packs it
// in this order).
struct ConvGeometry {
  int batch, inH, inW, inC, outH, outW, outC, filterH, filterW, strideH, strideW, dilationH, dilationW,
      padTop, padLeft, channelMultiplier;
};
