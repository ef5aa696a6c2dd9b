// ResizeNearestNeighbor, NHWC, with tfjs's mapping: round (alignCorners) or floor of the scaled index,
// clamped to the image; with halfPixelCenters the index is (o + 0.5)·ratio.
#include "tessera/common.cuh"

__device__ __forceinline__ int ts_nearest(int o, float ratio, int size, int alignCorners, int halfPixelCenters) {
  const float f = halfPixelCenters ? ratio * (o + 0.5f) : ratio * o;
  int s = min(size - 1, alignCorners ? (int)roundf(f) : (int)floorf(f));
  return halfPixelCenters ? max(0, s) : s;
}

TS_KERNEL void forward(int* __restrict__ y, const int* __restrict__ x, int batch, int inH, int inW, int channels,
                       int outH, int outW, float ratioH, float ratioW, int alignCorners, int halfPixelCenters) {
  const int n = batch * outH * outW * channels;
  TS_GRID_STRIDE(i, n) {
    const int c = i % channels;
    int rest = i / channels;
    const int ox = rest % outW;
    rest /= outW;
    const int oy = rest % outH;
    const int b = rest / outH;
    const int sy = ts_nearest(oy, ratioH, inH, alignCorners, halfPixelCenters);
    const int sx = ts_nearest(ox, ratioW, inW, alignCorners, halfPixelCenters);
    y[i] = x[(((long long)b * inH + sy) * inW + sx) * channels + c];
  }
}
