// MaxPoolGrad: dx[n, iy, ix, c] = Σ dy over the windows whose first maximum (scan order, strict >, as the
// cpu backend's maxPoolPositions) is (iy, ix). Each input gathers from the windows that contain it and
// recomputes their argmax, so there are no atomics.
#include "tessera/common.cuh"

__device__ __forceinline__ int ts_window_argmax(const float* x, const ConvGeometry& g, int b, int oy, int ox, int c) {
  float best = -INFINITY;
  int at = -1;
  for (int ky = 0; ky < g.filterH; ++ky) {
    const int iy = oy * g.strideH - g.padTop + ky * g.dilationH;
    if (iy < 0 || iy >= g.inH) continue;
    for (int kx = 0; kx < g.filterW; ++kx) {
      const int ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
      if (ix < 0 || ix >= g.inW) continue;
      const float v = x[(((long long)b * g.inH + iy) * g.inW + ix) * g.inC + c];
      if (v > best || at < 0) {
        best = v;
        at = iy * g.inW + ix;
      }
    }
  }
  return at;
}

TS_KERNEL void backward(float* __restrict__ dx, const float* __restrict__ dy, const float* __restrict__ x, ConvGeometry g) {
  const int n = g.batch * g.inH * g.inW * g.inC;
  TS_GRID_STRIDE(i, n) {
    const int c = i % g.inC;
    int rest = i / g.inC;
    const int ix = rest % g.inW;
    rest /= g.inW;
    const int iy = rest % g.inH;
    const int b = rest / g.inH;
    float sum = 0.f;
    for (int ky = 0; ky < g.filterH; ++ky) {
      const int ty = iy + g.padTop - ky * g.dilationH;
      if (ty < 0 || ty % g.strideH != 0 || ty / g.strideH >= g.outH) continue;
      const int oy = ty / g.strideH;
      for (int kx = 0; kx < g.filterW; ++kx) {
        const int tx = ix + g.padLeft - kx * g.dilationW;
        if (tx < 0 || tx % g.strideW != 0 || tx / g.strideW >= g.outW) continue;
        const int ox = tx / g.strideW;
        if (ts_window_argmax(x, g, b, oy, ox, c) == iy * g.inW + ix)
          sum += dy[(((long long)b * g.outH + oy) * g.outW + ox) * g.inC + c];
      }
    }
    dx[i] = sum;
  }
}
