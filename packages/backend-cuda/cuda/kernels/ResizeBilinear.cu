// ResizeBilinear, NHWC, with tfjs's alignCorners / halfPixelCenters mapping (ratios computed on the host).
#include "tessera/common.cuh"

TS_KERNEL void forward(float* __restrict__ y, const float* __restrict__ x, int batch, int inH, int inW, int channels,
                       int outH, int outW, float ratioH, float ratioW, int halfPixelCenters) {
  const int n = batch * outH * outW * channels;
  TS_GRID_STRIDE(i, n) {
    const int c = i % channels;
    int rest = i / channels;
    const int ox = rest % outW;
    rest /= outW;
    const int oy = rest % outH;
    const int b = rest / outH;
    const float fy = halfPixelCenters ? ratioH * (oy + 0.5f) - 0.5f : ratioH * oy;
    const float fx = halfPixelCenters ? ratioW * (ox + 0.5f) - 0.5f : ratioW * ox;
    const int y0 = max(0, (int)floorf(fy));
    const int x0 = max(0, (int)floorf(fx));
    const int y1 = min(inH - 1, (int)ceilf(fy));
    const int x1 = min(inW - 1, (int)ceilf(fx));
    const float wy = fy - y0;
    const float wx = fx - x0;
    const float* base = x + (long long)b * inH * inW * channels + c;
    const float tl = base[(y0 * inW + x0) * channels], tr = base[(y0 * inW + x1) * channels];
    const float bl = base[(y1 * inW + x0) * channels], br = base[(y1 * inW + x1) * channels];
    const float top = tl + (tr - tl) * wx;
    const float bottom = bl + (br - bl) * wx;
    y[i] = top + (bottom - top) * wy;
  }
}
