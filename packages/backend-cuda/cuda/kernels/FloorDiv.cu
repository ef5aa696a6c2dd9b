// FloorDiv: ⌊a / b⌋ with an int32 result for either input dtype, as the cpu backend's kernel.
#include "tessera/binary.cuh"

TS_BINARY(f32, float, int, (int)floorf(a / b))
TS_BINARY(i32, int, int, (int)floorf((float)a / (float)b))
