// ResizeNearestNeighborGrad with the cpu backend's mapping (no half-pixel shift): each dy element adds into
// the input cell it was read from; dx is zeroed first.
#include "tessera/common.cuh"

TS_KERNEL void backward(float* __restrict__ dx, const float* __restrict__ dy, int batch, int inH, int inW, int channels,
                        int outH, int outW, float ratioH, float ratioW, int alignCorners) {
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
    const int sy = min(inH - 1, alignCorners ? (int)roundf(fy) : (int)floorf(fy));
    const int sx = min(inW - 1, alignCorners ? (int)roundf(fx) : (int)floorf(fx));
    atomicAdd(&dx[(((long long)b * inH + sy) * inW + sx) * channels + c], dy[i]);
  }
}
