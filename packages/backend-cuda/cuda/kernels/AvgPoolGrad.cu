// AvgPoolGrad with the cpu backend's semantics: dx = Σ dy over the windows containing the cell, divided by
// the full window size filterH·filterW (also at padded borders; Tessera core corrects the 'same'-padding
// gradient above the kernel level, see DESIGN.md).
#include "tessera/common.cuh"

TS_KERNEL void backward(float* __restrict__ dx, const float* __restrict__ dy, ConvGeometry g) {
  const int n = g.batch * g.inH * g.inW * g.inC;
  const float multiplier = 1.f / (g.filterH * g.filterW);
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
        sum += dy[(((long long)b * g.outH + oy) * g.outW + tx / g.strideW) * g.inC + c];
      }
    }
    dx[i] = sum * multiplier;
  }
}
