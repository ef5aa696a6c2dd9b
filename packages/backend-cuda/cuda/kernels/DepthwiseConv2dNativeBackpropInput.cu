// Depthwise convolution, input gradient: dx[n, iy, ix, c] = Σ over taps and multipliers of
// dy[n, oy, ox, c·m + q]·w[ky, kx, c, q] for every output pixel whose window reads (iy, ix). A gather.
#include "tessera/common.cuh"

TS_KERNEL void backprop_input(float* __restrict__ dx, const float* __restrict__ dy, const float* __restrict__ w,
                              ConvGeometry g) {
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
        for (int q = 0; q < g.channelMultiplier; ++q) {
          sum = fmaf(dy[(((long long)b * g.outH + oy) * g.outW + ox) * g.outC + c * g.channelMultiplier + q],
                     w[((ky * g.filterW + kx) * g.inC + c) * g.channelMultiplier + q], sum);
        }
      }
    }
    dx[i] = sum;
  }
}
