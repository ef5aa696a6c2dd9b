// GatherV2 over x viewed as [batch, outer, dim, slice] and indices as [batch, count]:
// y[b, o, i, s] = x[b, o, indices[b, i], s]; an index outside [0, dim) gives 0, as the cpu backend does.
#include "tessera/common.cuh"

TS_KERNEL void gather32(int* __restrict__ y, const int* __restrict__ x, const int* __restrict__ indices, int batch,
                        int outer, int dim, int slice, int count) {
  const int n = batch * outer * count * slice;
  TS_GRID_STRIDE(i, n) {
    const int s = i % slice;
    int rest = i / slice;
    const int k = rest % count;
    rest /= count;
    const int o = rest % outer;
    const int b = rest / outer;
    const int index = indices[b * count + k];
    y[i] = (index < 0 || index >= dim) ? 0 : x[(((long long)b * outer + o) * dim + index) * slice + s];
  }
}
