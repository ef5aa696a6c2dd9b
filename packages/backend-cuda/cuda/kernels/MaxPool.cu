// MaxPool, NHWC: the maximum over the valid cells of each window (−∞ when none; NaN wins like the cpu
// backend's comparison order does not, so NaN inputs may differ there).
#include "tessera/common.cuh"

TS_KERNEL void forward(float* __restrict__ y, const float* __restrict__ x, ConvGeometry g) {
  const int n = g.batch * g.outH * g.outW * g.inC;
  TS_GRID_STRIDE(i, n) {
    const int c = i % g.inC;
    int rest = i / g.inC;
    const int ox = rest % g.outW;
    rest /= g.outW;
    const int oy = rest % g.outH;
    const int b = rest / g.outH;
    float best = -INFINITY;
    for (int ky = 0; ky < g.filterH; ++ky) {
      const int iy = oy * g.strideH - g.padTop + ky * g.dilationH;
      if (iy < 0 || iy >= g.inH) continue;
      for (int kx = 0; kx < g.filterW; ++kx) {
        const int ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
        if (ix < 0 || ix >= g.inW) continue;
        const float v = x[(((long long)b * g.inH + iy) * g.inW + ix) * g.inC + c];
        if (v > best) best = v;
      }
    }
    y[i] = best;
  }
}
