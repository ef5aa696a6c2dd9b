// Selu: scale·x for x ≥ 0, scale·alpha·(eˣ − 1) otherwise (Klambauer et al. 2017, constants as tfjs).
#include "tessera/unary.cuh"

#define TS_SELU_SCALE 1.0507009873554804934193349852946f
#define TS_SELU_SCALE_ALPHA 1.7580993408473768599402175208123f

TS_UNARY(f32, float, x >= 0.f ? TS_SELU_SCALE * x : TS_SELU_SCALE_ALPHA * (expf(x) - 1.f))
