import * as tf from '@tensorflow/tfjs-core';
import { elementwiseLaunch } from '../launch/launch-config.js';
import { sizeOf } from '../shape/size.js';
import { cudaKernel, input, typeSuffix } from './cuda-kernel.js';
import { binaryOp, castOp, fillOp } from './ops/elementwise.js';

type Inputs = tf.NamedTensorInfoMap | tf.TensorInfo[];

/**
 * Indexing and selection kernels: GatherV2, UnsortedSegmentSum, OneHot, Select, and AddN.
 *
 * @example
 * ```ts
 * import { indexingKernels } from '@tessera/backend-cuda';
 * indexingKernels().map((k) => k.kernelName).includes('GatherV2'); // true
 * ```
 */
export function indexingKernels(): tf.KernelConfig[] {
  return [
    cudaKernel('GatherV2', ({ inputs, backend, attrs }) => {
      const x = input(inputs, 'x');
      const indices = input(inputs, 'indices');
      const { axis, batchDims } = attrs as unknown as tf.GatherV2Attrs;
      const $axis = tf.util.parseAxisParam(axis, x.shape)[0]!;
      const info = tf.backend_util.segment_util.collectGatherOpShapeInfo(
        x as tf.Tensor,
        indices as tf.Tensor,
        $axis,
        batchDims ?? 0,
      );
      const out = backend.makeOutput(info.outputShape, x.dtype);
      const count = sizeOf(indices.shape) / Math.max(1, info.batchSize);
      const n = sizeOf(info.outputShape);
      if (n > 0) {
        backend.launch('GatherV2', 'gather32', elementwiseLaunch(n, backend.driver.device), (p) =>
          p
            .pointer(backend.pointer(out))
            .pointer(backend.pointer(x))
            .pointer(backend.pointer(indices))
            .int32(info.batchSize)
            .int32(info.outerSize)
            .int32(info.dimSize)
            .int32(info.sliceSize)
            .int32(count),
        );
      }
      return out;
    }),
    cudaKernel('UnsortedSegmentSum', ({ inputs, backend, attrs }) => {
      const x = input(inputs, 'x');
      const ids = input(inputs, 'segmentIds');
      const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;
      const count = sizeOf(ids.shape);
      const slice = count === 0 ? 0 : sizeOf(x.shape) / count;
      const dtype = x.dtype === 'bool' ? 'int32' : x.dtype;
      const out = fillOp(backend, [numSegments, ...x.shape.slice(ids.shape.length)], dtype, 0);
      if (count * slice > 0) {
        backend.launch(
          'UnsortedSegmentSum',
          typeSuffix(dtype),
          elementwiseLaunch(count * slice, backend.driver.device),
          (p) =>
            p
              .pointer(backend.pointer(out))
              .pointer(backend.pointer(x))
              .pointer(backend.pointer(ids))
              .int32(count)
              .int32(slice)
              .int32(numSegments),
        );
      }
      return out;
    }),
    cudaKernel('OneHot', ({ inputs, backend, attrs }) => {
      const indices = input(inputs, 'indices');
      const { depth, onValue, offValue, dtype } = attrs as unknown as tf.OneHotAttrs;
      const count = sizeOf(indices.shape);
      const out = backend.makeOutput([...indices.shape, depth], dtype);
      if (count * depth > 0) {
        backend.launch(
          'OneHot',
          typeSuffix(dtype),
          elementwiseLaunch(count * depth, backend.driver.device),
          (p) =>
            p
              .pointer(backend.pointer(out))
              .pointer(backend.pointer(indices))
              .int32(count)
              .int32(depth)
              .float32(onValue)
              .float32(offValue),
        );
      }
      return out;
    }),
    cudaKernel('Select', ({ inputs, backend }) => {
      const condition = input(inputs, 'condition');
      const t = input(inputs, 't');
      const e = input(inputs, 'e');
      const dtype = tf.upcastType(t.dtype, e.dtype);
      const n = sizeOf(t.shape);
      const out = backend.makeOutput([...t.shape], dtype);
      const conditionSize = sizeOf(condition.shape);
      const divisor = conditionSize === n || conditionSize === 0 ? 1 : n / conditionSize;
      if (n > 0) {
        backend.launch('Select', 'select32', elementwiseLaunch(n, backend.driver.device), (p) =>
          p
            .pointer(backend.pointer(out))
            .pointer(backend.pointer(condition))
            .pointer(backend.pointer(t))
            .pointer(backend.pointer(e))
            .int32(n)
            .int32(divisor),
        );
      }
      return out;
    }),
    cudaKernel('AddN', ({ inputs, backend }) => {
      const all = (Array.isArray(inputs) ? inputs : Object.values(inputs as Inputs)) as tf.TensorInfo[];
      if (all.length === 1) return castOp(backend, all[0]!, all[0]!.dtype);
      let sum = binaryOp(backend, 'Add', all[0]!, all[1]!);
      for (const next of all.slice(2)) {
        const previous = sum;
        sum = binaryOp(backend, 'Add', previous, next);
        backend.disposeIntermediate(previous);
      }
      return sum;
    }),
  ];
}
