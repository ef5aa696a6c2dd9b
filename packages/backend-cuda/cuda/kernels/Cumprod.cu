// Cumulative product along the last axis of a [rows, length] view, one thread per row (rows are the
// parallel dimension; the TypeScript kernel transposes the axis last). Flags as tfjs's attributes.
#include "tessera/common.cuh"

#define TS_SCAN(NAME, T, OP, IDENTITY)                                                                \
  TS_KERNEL void NAME(T* __restrict__ y, const T* __restrict__ x, int rows, int length, int exclusive, \
                      int reverse) {                                                                  \
    TS_GRID_STRIDE(row, rows) {                                                                       \
      const long long base = (long long)row * length;                                                 \
      T acc = IDENTITY;                                                                               \
      for (int step = 0; step < length; ++step) {                                                     \
        const int j = reverse ? length - 1 - step : step;                                             \
        const T v = x[base + j];                                                                      \
        if (exclusive) {                                                                              \
          y[base + j] = acc;                                                                          \
          acc = acc OP v;                                                                             \
        } else {                                                                                      \
          acc = acc OP v;                                                                             \
          y[base + j] = acc;                                                                          \
        }                                                                                             \
      }                                                                                               \
    }                                                                                                 \
  }

TS_SCAN(f32, float, *, 1.f)
TS_SCAN(i32, int, *, 1)
