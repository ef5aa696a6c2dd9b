// ArgMax along the last axis of a [rows, length] view (the TypeScript kernel transposes first).
#include "tessera/reduce.cuh"

#define TS_GREATER(v, best) ((v) > (best))
TS_ARG_REDUCE(f32, float, TS_GREATER)
TS_ARG_REDUCE(i32, int, TS_GREATER)
