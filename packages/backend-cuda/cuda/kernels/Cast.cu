// Cast between the device dtypes: float32 → int32 truncates toward zero (Int32Array.from), anything
// → bool is `x != 0` (NaN gives true), int32/bool → float32 converts.
#include "tessera/unary.cuh"

TS_KERNEL void f32_to_i32(int* __restrict__ y, const float* __restrict__ x, int n) {
  TS_GRID_STRIDE(i, n) {
    const float v = x[i];
    y[i] = isfinite(v) ? (int)truncf(v) : 0;
  }
}
TS_KERNEL void i32_to_f32(float* __restrict__ y, const int* __restrict__ x, int n) {
  TS_GRID_STRIDE(i, n) y[i] = (float)x[i];
}
TS_KERNEL void f32_to_bool(int* __restrict__ y, const float* __restrict__ x, int n) {
  TS_GRID_STRIDE(i, n) y[i] = x[i] != 0.f ? 1 : 0;
}
TS_KERNEL void i32_to_bool(int* __restrict__ y, const int* __restrict__ x, int n) {
  TS_GRID_STRIDE(i, n) y[i] = x[i] != 0 ? 1 : 0;
}
