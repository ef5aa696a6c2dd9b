// ResizeBilinearGrad with the cpu backend's mapping (source = output index · ratio, no half-pixel shift):
// each dy element adds its four bilinear weights into dx (zeroed first) with atomics.
#include "tessera/common.cuh"

TS_KERNEL void backward(float* __restrict__ dx, const float* __restrict__ dy, int batch, int inH, int inW, int channels,
                        int outH, int outW, float ratioH, float ratioW) {
  const int n = batch * outH * outW * channels;
  TS_GRID_STRIDE(i, n) {
    const int c = i % channels;
    int rest = i / channels;
    const int ox = rest % outW;
    rest /= outW;
    const int oy = rest % outH;
    const int b = rest / outH;
    const float fy = oy * ratioH;
    const float fx = ox * ratioW;
    const int y0 = (int)floorf(fy);
    const int x0 = (int)floorf(fx);
    const int y1 = min((int)ceilf(fy), inH - 1);
    const int x1 = min((int)ceilf(fx), inW - 1);
    const float wy = fy - y0;
    const float wx = fx - x0;
    const float g = dy[i];
    float* base = dx + (long long)b * inH * inW * channels + c;
    atomicAdd(&base[(y0 * inW + x0) * channels], g * (1.f - wy) * (1.f - wx));
    atomicAdd(&base[(y0 * inW + x1) * channels], g * (1.f - wy) * wx);
    atomicAdd(&base[(y1 * inW + x0) * channels], g * wy * (1.f - wx));
    atomicAdd(&base[(y1 * inW + x1) * channels], g * wy * wx);
  }
}
