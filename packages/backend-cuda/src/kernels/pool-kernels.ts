import * as tf from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../backend/cuda-backend.js';
import { elementwiseLaunch } from '../launch/launch-config.js';
import { sizeOf } from '../shape/size.js';
import { cudaKernel, input } from './cuda-kernel.js';
import { fillOp } from './ops/elementwise.js';
import { convGeometry } from './ops/conv-geometry.js';

function poolInfo(xShape: readonly number[], a: tf.MaxPoolAttrs) {
  return tf.backend_util.computePool2DInfo(
    xShape as [number, number, number, number],
    a.filterSize,
    a.strides,
    1,
    a.pad,
    a.dimRoundingMode,
  );
}

function pool(backend: CudaBackend, module: 'MaxPool' | 'AvgPool', x: tf.TensorInfo, a: tf.MaxPoolAttrs) {
  const info = poolInfo(x.shape, a);
  const shape = [info.batchSize, info.outHeight, info.outWidth, info.inChannels];
  const y = backend.makeOutput(shape, 'float32');
  const n = sizeOf(shape);
  if (n > 0) {
    backend.launch(module, 'forward', elementwiseLaunch(n, backend.driver.device), (p) =>
      p.pointer(backend.pointer(y)).pointer(backend.pointer(x)).ints(convGeometry(info)),
    );
  }
  return y;
}

/**
 * Pooling kernels (MaxPool, AvgPool and their gradients) and FusedBatchNorm.
 *
 * @example
 * ```ts
 * import { poolKernels } from '@tessera/backend-cuda';
 * poolKernels().map((k) => k.kernelName).includes('MaxPoolGrad'); // true
 * ```
 */
export function poolKernels(): tf.KernelConfig[] {
  return [
    cudaKernel('MaxPool', ({ inputs, backend, attrs }) =>
      pool(backend, 'MaxPool', input(inputs, 'x'), attrs as unknown as tf.MaxPoolAttrs),
    ),
    cudaKernel('AvgPool', ({ inputs, backend, attrs }) =>
      pool(backend, 'AvgPool', input(inputs, 'x'), attrs as unknown as tf.AvgPoolAttrs),
    ),
    cudaKernel('MaxPoolGrad', ({ inputs, backend, attrs }) => {
      const dy = input(inputs, 'dy');
      const x = input(inputs, 'input');
      const info = poolInfo(x.shape, attrs as unknown as tf.MaxPoolGradAttrs);
      const dx = backend.makeOutput([...x.shape], 'float32');
      const n = sizeOf(x.shape);
      if (n > 0) {
        backend.launch('MaxPoolGrad', 'backward', elementwiseLaunch(n, backend.driver.device), (p) =>
          p
            .pointer(backend.pointer(dx))
            .pointer(backend.pointer(dy))
            .pointer(backend.pointer(x))
            .ints(convGeometry(info)),
        );
      }
      return dx;
    }),
    cudaKernel('AvgPoolGrad', ({ inputs, backend, attrs }) => {
      const dy = input(inputs, 'dy');
      const x = input(inputs, 'input');
      const info = poolInfo(x.shape, attrs as unknown as tf.AvgPoolGradAttrs as tf.MaxPoolAttrs);
      const dx = backend.makeOutput([...x.shape], 'float32');
      const n = sizeOf(x.shape);
      if (n > 0) {
        backend.launch('AvgPoolGrad', 'backward', elementwiseLaunch(n, backend.driver.device), (p) =>
          p.pointer(backend.pointer(dx)).pointer(backend.pointer(dy)).ints(convGeometry(info)),
        );
      }
      return dx;
    }),
    cudaKernel('FusedBatchNorm', ({ inputs, backend, attrs }) => {
      const x = input(inputs, 'x');
      const mean = input(inputs, 'mean');
      const variance = input(inputs, 'variance');
      const offset = inputs.offset ?? undefined;
      const scale = inputs.scale ?? undefined;
      const { varianceEpsilon } = attrs as unknown as tf.FusedBatchNormAttrs;
      const n = sizeOf(x.shape);
      const y = backend.makeOutput([...x.shape], 'float32');
      const placeholder = offset && scale ? undefined : fillOp(backend, [1], 'float32', 0);
      if (n > 0) {
        backend.launch('FusedBatchNorm', 'f32', elementwiseLaunch(n, backend.driver.device), (p) =>
          p
            .pointer(backend.pointer(y))
            .pointer(backend.pointer(x))
            .pointer(backend.pointer(mean))
            .pointer(backend.pointer(variance))
            .pointer(backend.pointer(offset ?? placeholder!))
            .pointer(backend.pointer(scale ?? placeholder!))
            .int32(n)
            .int32(sizeOf(mean.shape))
            .int32(sizeOf(variance.shape))
            .int32(offset ? sizeOf(offset.shape) : 0)
            .int32(scale ? sizeOf(scale.shape) : 0)
            .float32(varianceEpsilon ?? 0.001),
        );
      }
      if (placeholder) backend.disposeIntermediate(placeholder);
      return y;
    }),
  ];
}
