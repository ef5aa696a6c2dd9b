// Reverse: a strided copy (see tessera/copy.cuh); the TypeScript kernel computes the strides.
#include "tessera/copy.cuh"
