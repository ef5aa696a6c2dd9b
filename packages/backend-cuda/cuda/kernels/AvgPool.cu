// AvgPool, NHWC: the mean over the valid cells of each window (padding cells are not counted), as the cpu
// backend computes it.
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
    float sum = 0.f;
    int count = 0;
    for (int ky = 0; ky < g.filterH; ++ky) {
      const int iy = oy * g.strideH - g.padTop + ky * g.dilationH;
      if (iy < 0 || iy >= g.inH) continue;
      for (int kx = 0; kx < g.filterW; ++kx) {
        const int ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
        if (ix < 0 || ix >= g.inW) continue;
        sum += x[(((long long)b * g.inH + iy) * g.inW + ix) * g.inC + c];
        ++count;
      }
    }
    y[i] = count > 0 ? sum / count : 0.f;
  }
}
