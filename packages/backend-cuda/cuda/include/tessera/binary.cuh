// Element-wise binary kernels with NumPy broadcasting: `y[i] = EXPR` with operands `a`, `b`.
// NAME broadcasts through per-operand strides (0 on broadcast dimensions) over the collapsed output
// shape; NAME_same is the fast path for two operands of one shape.
#pragma once
#include "common.cuh"

#define TS_BINARY(NAME, TI, TO, EXPR)                                                                 \
  TS_KERNEL void NAME(TO* __restrict__ y, const TI* __restrict__ as, const TI* __restrict__ bs, int n, \
                      int rank, Dims shape, Dims sa, Dims sb) {                                       \
    TS_GRID_STRIDE(i, n) {                                                                            \
      int ia, ib;                                                                                     \
      ts_offset2(i, rank, shape, sa, sb, ia, ib);                                                     \
      const TI a = as[ia];                                                                            \
      const TI b = bs[ib];                                                                            \
      y[i] = (EXPR);                                                                                  \
    }                                                                                                 \
  }                                                                                                   \
  TS_KERNEL void NAME##_same(TO* __restrict__ y, const TI* __restrict__ as, const TI* __restrict__ bs, \
                             int n) {                                                                 \
    TS_GRID_STRIDE(i, n) {                                                                            \
      const TI a = as[i];                                                                             \
      const TI b = bs[i];                                                                             \
      y[i] = (EXPR);                                                                                  \
    }                                                                                                 \
  }

// The float32 and int32 variants of an arithmetic op (output dtype = input dtype).
#define TS_BINARY_ARITHMETIC(EXPR) \
  TS_BINARY(f32, float, float, EXPR) \
  TS_BINARY(i32, int, int, EXPR)

// Comparisons: bool output (stored as int 0/1) from float32 or int32 operands.
#define TS_BINARY_COMPARE(EXPR)    \
  TS_BINARY(f32, float, int, EXPR) \
  TS_BINARY(i32, int, int, EXPR)
