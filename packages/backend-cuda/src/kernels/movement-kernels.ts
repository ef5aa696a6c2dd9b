import * as tf from '@tensorflow/tfjs-core';
import { sizeOf } from '../shape/size.js';
import { contiguousStrides } from '../shape/strides.js';
import { cudaKernel, input } from './cuda-kernel.js';
import { fillOp, reshapeView } from './ops/elementwise.js';
import { sliceOp, stridedCopy, transposeOp } from './ops/strided-copy.js';

type Inputs = tf.NamedTensorInfoMap | tf.TensorInfo[];
const listOf = (inputs: Inputs) =>
  (Array.isArray(inputs) ? inputs : Object.values(inputs)) as tf.TensorInfo[];

/**
 * Data-movement kernels, all one strided copy (`cuda/include/tessera/copy.cuh`) with strides computed here:
 * Transpose, Slice, StridedSlice, Concat, SplitV, Pack, Unpack, Tile, Reverse and PadV2.
 *
 * @example
 * ```ts
 * import { movementKernels } from '@tessera/backend-cuda';
 * movementKernels().map((k) => k.kernelName).includes('Concat'); // true
 * ```
 */
export function movementKernels(): tf.KernelConfig[] {
  return [
    cudaKernel('Transpose', ({ inputs, backend, attrs }) =>
      transposeOp(backend, input(inputs, 'x'), (attrs as unknown as tf.TransposeAttrs).perm),
    ),
    cudaKernel('Slice', ({ inputs, backend, attrs }) => {
      const x = input(inputs, 'x');
      const { begin, size } = attrs as unknown as tf.SliceAttrs;
      const [b, s] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size) as [number[], number[]];
      return sliceOp(backend, 'Slice', x, b, s);
    }),
    cudaKernel('StridedSlice', ({ inputs, backend, attrs }) => {
      const x = input(inputs, 'x');
      const a = attrs as unknown as tf.StridedSliceAttrs;
      const info = tf.slice_util.sliceInfo(
        x.shape,
        a.begin,
        a.end,
        a.strides,
        a.beginMask,
        a.endMask,
        a.ellipsisMask,
        a.newAxisMask,
        a.shrinkAxisMask,
      );
      if (info.isIdentity) return reshapeView(backend, x, info.finalShape);
      // Sizes per input axis from the dense begin/end/strides (tfjs's finalShapeSparse leaves shrunk axes
      // out, which misreads non-contiguous slices; see core's StridedSlice correction).
      const size = info.begin.map((b, i) => Math.max(0, Math.ceil((info.end[i]! - b) / info.strides[i]!)));
      const out = sliceOp(backend, 'StridedSlice', x, info.begin, size, info.strides);
      return { ...out, shape: info.finalShape };
    }),
    cudaKernel('Concat', ({ inputs, backend, attrs }) => {
      const all = listOf(inputs);
      const axis = tf.util.parseAxisParam((attrs as unknown as tf.ConcatAttrs).axis, all[0]!.shape)[0]!;
      const shape = tf.backend_util.computeOutShape(
        all.map((t) => t.shape),
        axis,
      );
      const out = backend.makeOutput(shape, all[0]!.dtype);
      const outStrides = contiguousStrides(shape);
      let offset = 0;
      for (const t of all) {
        stridedCopy(backend, 'Concat', out, t, {
          shape: t.shape,
          outStrides,
          outBase: offset * outStrides[axis]!,
          inStrides: contiguousStrides(t.shape),
        });
        offset += t.shape[axis]!;
      }
      return out;
    }),
    cudaKernel('SplitV', ({ inputs, backend, attrs }) => {
      const x = input(inputs, 'x');
      const { numOrSizeSplits, axis } = attrs as unknown as tf.SplitVAttrs;
      const $axis = tf.util.parseAxisParam(axis, x.shape)[0]!;
      const sizes = tf.backend_util.prepareSplitSize(x as tf.Tensor, numOrSizeSplits, $axis);
      let start = 0;
      return sizes.map((size) => {
        const begin = x.shape.map((_, i) => (i === $axis ? start : 0));
        const shape = x.shape.map((d, i) => (i === $axis ? size : d));
        start += size;
        return sliceOp(backend, 'Slice', x, begin, shape);
      });
    }),
    cudaKernel('Pack', ({ inputs, backend, attrs }) => {
      const all = listOf(inputs);
      const first = all[0]!;
      const axis = (attrs as unknown as tf.PackAttrs).axis;
      const $axis = axis < 0 ? axis + first.shape.length + 1 : axis;
      const shape = [...first.shape];
      shape.splice($axis, 0, all.length);
      const out = backend.makeOutput(shape, first.dtype);
      const outStrides = contiguousStrides(shape);
      const each = [...first.shape];
      each.splice($axis, 0, 1);
      all.forEach((t, i) => {
        stridedCopy(backend, 'Concat', out, t, {
          shape: each,
          outStrides,
          outBase: i * outStrides[$axis]!,
          inStrides: contiguousStrides(each),
        });
      });
      return out;
    }),
    cudaKernel('Unpack', ({ inputs, backend, attrs }) => {
      const x = input(inputs, 'value');
      const axis = tf.util.parseAxisParam((attrs as unknown as tf.UnpackAttrs).axis, x.shape)[0]!;
      const size = x.shape.map((d, i) => (i === axis ? 1 : d));
      const outShape = x.shape.filter((_, i) => i !== axis);
      return Array.from({ length: x.shape[axis]! }, (_, k) => {
        const begin = x.shape.map((_, i) => (i === axis ? k : 0));
        return { ...sliceOp(backend, 'Slice', x, begin, size), shape: outShape };
      });
    }),
    cudaKernel('Tile', ({ inputs, backend, attrs }) => {
      const x = input(inputs, 'x');
      const { reps } = attrs as unknown as tf.TileAttrs;
      const shape = x.shape.map((d, i) => d * reps[i]!);
      const out = backend.makeOutput(shape, x.dtype);
      stridedCopy(backend, 'Tile', out, x, { shape, inDims: x.shape, inStrides: contiguousStrides(x.shape) });
      return out;
    }),
    cudaKernel('Reverse', ({ inputs, backend, attrs }) => {
      const x = input(inputs, 'x');
      const axes = new Set(tf.util.parseAxisParam((attrs as unknown as tf.ReverseAttrs).dims, x.shape));
      const strides = contiguousStrides(x.shape);
      const out = backend.makeOutput([...x.shape], x.dtype);
      stridedCopy(backend, 'Reverse', out, x, {
        shape: x.shape,
        inStrides: strides.map((s, i) => (axes.has(i) ? -s : s)),
        inBase: x.shape.reduce((acc, d, i) => acc + (axes.has(i) ? (d - 1) * strides[i]! : 0), 0),
      });
      return out;
    }),
    cudaKernel('PadV2', ({ inputs, backend, attrs }) => {
      const x = input(inputs, 'x');
      const { paddings, constantValue } = attrs as unknown as tf.PadV2Attrs;
      const shape = x.shape.map((d, i) => paddings[i]![0] + d + paddings[i]![1]);
      const out = fillOp(backend, shape, x.dtype, constantValue);
      const outStrides = contiguousStrides(shape);
      if (sizeOf(x.shape) > 0) {
        stridedCopy(backend, 'PadV2', out, x, {
          shape: x.shape,
          outStrides,
          outBase: paddings.reduce((acc, [before], i) => acc + before * outStrides[i]!, 0),
          inStrides: contiguousStrides(x.shape),
        });
      }
      return out;
    }),
  ];
}
