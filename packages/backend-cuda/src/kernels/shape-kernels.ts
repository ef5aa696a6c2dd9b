import * as tf from '@tensorflow/tfjs-core';
import { sizeOf } from '../shape/size.js';
import { cudaKernel, input } from './cuda-kernel.js';
import { castOp, fillOp, reshapeView } from './ops/elementwise.js';

/**
 * Kernels that only relabel or create data: Reshape, ExpandDims and Identity share their input's storage
 * (one more reference); Cast converts; ZerosLike, OnesLike and Fill set memory; Range is written from the host.
 *
 * @example
 * ```ts
 * import { shapeKernels } from '@tessera/backend-cuda';
 * shapeKernels().map((k) => k.kernelName); // ['Reshape', 'ExpandDims', 'Identity', ...]
 * ```
 */
export function shapeKernels(): tf.KernelConfig[] {
  return [
    cudaKernel('Reshape', ({ inputs, backend, attrs }) => {
      const x = input(inputs, 'x');
      const shape = tf.util.inferFromImplicitShape(
        [...(attrs as unknown as tf.ReshapeAttrs).shape],
        sizeOf(x.shape),
      );
      return reshapeView(backend, x, shape);
    }),
    cudaKernel('ExpandDims', ({ inputs, backend, attrs }) => {
      const x = input(inputs, 'input');
      const { dim } = attrs as unknown as tf.ExpandDimsAttrs;
      const axis = dim < 0 ? x.shape.length + dim + 1 : dim;
      const shape = [...x.shape];
      shape.splice(axis, 0, 1);
      return reshapeView(backend, x, shape);
    }),
    cudaKernel('Identity', ({ inputs, backend }) => {
      const x = input(inputs, 'x');
      return reshapeView(backend, x, [...x.shape]);
    }),
    cudaKernel('Cast', ({ inputs, backend, attrs }) =>
      castOp(backend, input(inputs, 'x'), (attrs as unknown as tf.CastAttrs).dtype),
    ),
    cudaKernel('ZerosLike', ({ inputs, backend }) => {
      const x = input(inputs, 'x');
      return fillOp(backend, [...x.shape], x.dtype, 0);
    }),
    cudaKernel('OnesLike', ({ inputs, backend }) => {
      const x = input(inputs, 'x');
      return fillOp(backend, [...x.shape], x.dtype, 1);
    }),
    cudaKernel('Fill', ({ backend, attrs }) => {
      const { shape, value, dtype } = attrs as unknown as tf.FillAttrs;
      const resolved = dtype ?? (typeof value === 'number' ? 'float32' : 'string');
      if (resolved === 'string') {
        const strings = new Array(sizeOf(shape)).fill(value) as unknown as Uint8Array[];
        const dataId = backend.write(strings, [...shape], 'string');
        return { dataId, shape: [...shape], dtype: 'string' };
      }
      return fillOp(backend, [...shape], resolved, value as number);
    }),
    cudaKernel('Range', ({ backend, attrs }) => {
      const { start, stop, step, dtype } = attrs as unknown as tf.RangeAttrs;
      const count = start === stop ? 0 : Math.max(0, Math.ceil((stop - start) / step));
      const values = dtype === 'int32' ? new Int32Array(count) : new Float32Array(count);
      for (let i = 0; i < count; i++) values[i] = start + i * step;
      return { dataId: backend.write(values, [count], dtype), shape: [count], dtype };
    }),
  ];
}
