// Depthwise convolution, NHWC: y[n, oy, ox, c·m + q] = Σ_{ky,kx} x[n, iy, ix, c]·w[ky, kx, c, q], with
// m the channel multiplier. One thread per output element.
#include "tessera/common.cuh"

TS_KERNEL void forward(float* __restrict__ y, const float* __restrict__ x, const float* __restrict__ w, ConvGeometry g) {
  const int n = g.batch * g.outH * g.outW * g.outC;
  TS_GRID_STRIDE(i, n) {
    const int oc = i % g.outC;
    int rest = i / g.outC;
    const int ox = rest % g.outW;
    rest /= g.outW;
    const int oy = rest % g.outH;
    const int b = rest / g.outH;
    const int c = oc / g.channelMultiplier;
    const int q = oc % g.channelMultiplier;
    float sum = 0.f;
    for (int ky = 0; ky < g.filterH; ++ky) {
      const int iy = oy * g.strideH - g.padTop + ky * g.dilationH;
      if (iy < 0 || iy >= g.inH) continue;
      for (int kx = 0; kx < g.filterW; ++kx) {
        const int ix = ox * g.strideW - g.padLeft + kx * g.dilationW;
        if (ix < 0 || ix >= g.inW) continue;
        sum = fmaf(x[(((long long)b * g.inH + iy) * g.inW + ix) * g.inC + c],
                   w[((ky * g.filterW + kx) * g.inC + c) * g.channelMultiplier + q], sum);
      }
    }
    y[i] = sum;
  }
}
