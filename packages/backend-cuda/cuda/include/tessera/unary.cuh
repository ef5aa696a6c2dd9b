// Element-wise unary kernels: `y[i] = EXPR` with the input element named `x`.
#pragma once
#include "common.cuh"

#define TS_UNARY(NAME, T, EXPR)                                                   \
  TS_KERNEL void NAME(T* __restrict__ y, const T* __restrict__ xs, int n) {      \
    TS_GRID_STRIDE(i, n) {                                                        \
      const T x = xs[i];                                                          \
      y[i] = (EXPR);                                                              \
    }                                                                             \
  }

// With two float parameters p0, p1 (alpha, clip bounds).
#define TS_UNARY_P(NAME, T, EXPR)                                                          \
  TS_KERNEL void NAME(T* __restrict__ y, const T* __restrict__ xs, int n, float p0, float p1) { \
    TS_GRID_STRIDE(i, n) {                                                                 \
      const T x = xs[i];                                                                   \
      y[i] = (EXPR);                                                                       \
    }                                                                                      \
  }
