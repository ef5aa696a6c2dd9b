// ArgMin along the last axis of a [rows, length] view (the TypeScript kernel transposes first).
#include "tessera/reduce.cuh"

#define TS_LESS(v, best) ((v) < (best))
TS_ARG_REDUCE(f32, float, TS_LESS)
TS_ARG_REDUCE(i32, int, TS_LESS)
