// Softplus: ln(1 + eˣ), with the cpu backend's cut-offs so the two agree to rounding: above −threshold
// it returns x, below threshold eˣ (threshold = ln(float epsilon) + 2).
#include "tessera/unary.cuh"

#define TS_SOFTPLUS_THRESHOLD (-13.942385152878742f)

TS_UNARY(f32, float,
         x > -TS_SOFTPLUS_THRESHOLD ? x : (x < TS_SOFTPLUS_THRESHOLD ? expf(x) : logf(expf(x) + 1.f)))
