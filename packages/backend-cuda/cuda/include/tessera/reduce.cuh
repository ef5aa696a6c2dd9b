// Reductions over the rows or the columns of a [rows, length] view. Long reductions run in two passes:
// the first writes one partial result per chunk, the second reduces the partials (launch-config.ts).
#pragma once
#include "common.cuh"

struct SumOp {
  template <class T> __device__ static T init() { return T(0); }
  template <class T> __device__ static T apply(T a, T b) { return a + b; }
};
struct ProdOp {
  template <class T> __device__ static T init() { return T(1); }
  template <class T> __device__ static T apply(T a, T b) { return a * b; }
};
struct MaxOp {
  template <class T> __device__ static T init();
  // NaN wins, as in the cpu backend's `isNaN(v) || v > max`.
  template <class T> __device__ static T apply(T a, T b) { return (b > a || b != b) ? b : a; }
};
template <> __device__ float MaxOp::init<float>() { return -INFINITY; }
template <> __device__ int MaxOp::init<int>() { return INT_MIN; }
struct MinOp {
  template <class T> __device__ static T init();
  template <class T> __device__ static T apply(T a, T b) { return (b < a || b != b) ? b : a; }
};
template <> __device__ float MinOp::init<float>() { return INFINITY; }
template <> __device__ int MinOp::init<int>() { return INT_MAX; }

// Reduces v over the block (blockDim.x a power of two ≥ 32); the result is valid in thread 0.
template <class Op, class T> __device__ T ts_block_reduce(T v) {
  __shared__ T partial[32];
  for (int offset = 16; offset > 0; offset >>= 1) v = Op::apply(v, __shfl_down_sync(0xffffffffu, v, offset));
  const int lane = threadIdx.x & 31;
  const int warp = threadIdx.x >> 5;
  if (lane == 0) partial[warp] = v;
  __syncthreads();
  if (warp == 0) {
    v = lane < (int)(blockDim.x >> 5) ? partial[lane] : Op::template init<T>();
    for (int offset = 16; offset > 0; offset >>= 1) v = Op::apply(v, __shfl_down_sync(0xffffffffu, v, offset));
  }
  __syncthreads();
  return v;
}

// out[row·chunks + c] = reduce(in[row, c·chunk .. min(length, (c+1)·chunk))) · scale; one block per entry.
#define TS_REDUCE_ROWS(NAME, OP, T)                                                                    \
  TS_KERNEL void NAME(T* __restrict__ out, const T* __restrict__ in, int rows, int length, int chunk,  \
                      int chunks, float scale) {                                                       \
    for (int r = blockIdx.x; r < rows * chunks; r += gridDim.x) {                                      \
      const int row = r / chunks;                                                                      \
      const int begin = (r % chunks) * chunk;                                                          \
      const int end = min(length, begin + chunk);                                                      \
      const T* base = in + (long long)row * length;                                                    \
      T acc = OP::template init<T>();                                                                  \
      for (int j = begin + threadIdx.x; j < end; j += blockDim.x) acc = OP::apply(acc, base[j]);       \
      acc = ts_block_reduce<OP, T>(acc);                                                               \
      if (threadIdx.x == 0) out[r] = scale == 1.0f ? acc : (T)(acc * scale);                           \
    }                                                                                                  \
  }

// out[c, col] = reduce(in[c·rowsPerChunk .. , col]) · scale over a [rows, cols] input; grid.y = chunks.
#define TS_REDUCE_COLS(NAME, OP, T)                                                                     \
  TS_KERNEL void NAME(T* __restrict__ out, const T* __restrict__ in, int rows, int cols, int rowsPerChunk, \
                      float scale) {                                                                    \
    const int col = blockIdx.x * blockDim.x + threadIdx.x;                                              \
    if (col >= cols) return;                                                                            \
    const int begin = blockIdx.y * rowsPerChunk;                                                        \
    const int end = min(rows, begin + rowsPerChunk);                                                    \
    T acc = OP::template init<T>();                                                                     \
    for (int r = begin; r < end; ++r) acc = OP::apply(acc, in[(long long)r * cols + col]);              \
    out[(long long)blockIdx.y * cols + col] = scale == 1.0f ? acc : (T)(acc * scale);                   \
  }

#define TS_REDUCE_ALL(OP)                    \
  TS_REDUCE_ROWS(rows_f32, OP, float)        \
  TS_REDUCE_ROWS(rows_i32, OP, int)          \
  TS_REDUCE_COLS(cols_f32, OP, float)        \
  TS_REDUCE_COLS(cols_i32, OP, int)

// Index of the first extreme value of each row (ties keep the lower index, like the cpu backend).
#define TS_ARG_REDUCE(NAME, T, BETTER)                                                           \
  TS_KERNEL void NAME(int* __restrict__ out, const T* __restrict__ in, int rows, int length) {   \
    __shared__ T values[1024];                                                                   \
    __shared__ int indices[1024];                                                                \
    for (int row = blockIdx.x; row < rows; row += gridDim.x) {                                   \
      const T* base = in + (long long)row * length;                                              \
      T best = base[0];                                                                          \
      int at = 0;                                                                                \
      for (int j = threadIdx.x; j < length; j += blockDim.x) {                                   \
        const T v = base[j];                                                                     \
        if (BETTER(v, best) || (v == best && j < at)) { best = v; at = j; }                      \
      }                                                                                          \
      values[threadIdx.x] = best;                                                                \
      indices[threadIdx.x] = at;                                                                 \
      __syncthreads();                                                                           \
      for (int s = blockDim.x / 2; s > 0; s >>= 1) {                                             \
        if (threadIdx.x < s) {                                                                   \
          const T v = values[threadIdx.x + s];                                                   \
          const int j = indices[threadIdx.x + s];                                                \
          const T b = values[threadIdx.x];                                                       \
          if (BETTER(v, b) || (v == b && j < indices[threadIdx.x])) {                            \
            values[threadIdx.x] = v;                                                             \
            indices[threadIdx.x] = j;                                                            \
          }                                                                                      \
        }                                                                                        \
        __syncthreads();                                                                         \
      }                                                                                          \
      if (threadIdx.x == 0) out[row] = indices[0];                                               \
      __syncthreads();                                                                           \
    }                                                                                            \
  }
