import * as tf from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../backend/cuda-backend.js';
import { elementwiseLaunch, rowLaunch } from '../launch/launch-config.js';
import { cudaKernel, input } from './cuda-kernel.js';
import { biasAndActivation, type FusedActivation } from './ops/activation.js';
import { reshapeView } from './ops/elementwise.js';
import { convGeometry } from './ops/conv-geometry.js';
import { conv2dFilterGradient, conv2dForward, conv2dInputGradient } from './ops/conv2d.js';
import { transposeOp } from './ops/strided-copy.js';

const NCHW_TO_NHWC = [0, 2, 3, 1];
const NHWC_TO_NCHW = [0, 3, 1, 2];

/** Runs an NHWC computation on NCHW tensors by transposing in and out. */
function inNhwc(
  backend: CudaBackend,
  channelsFirst: boolean,
  xs: tf.TensorInfo[],
  run: (xs: tf.TensorInfo[]) => tf.TensorInfo,
) {
  if (!channelsFirst) return run(xs);
  const moved = xs.map((x) => transposeOp(backend, x, NCHW_TO_NHWC));
  const y = run(moved);
  for (const m of moved) backend.disposeIntermediate(m);
  const out = transposeOp(backend, y, NHWC_TO_NCHW);
  backend.disposeIntermediate(y);
  return out;
}

function conv2dInfo(xShape: number[], filterShape: number[], a: tf.Conv2DAttrs, depthwise = false) {
  const dataFormat = tf.backend_util.convertConv2DDataFormat(a.dataFormat ?? 'NHWC');
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    a.strides,
    a.dilations ?? 1,
    a.pad,
    a.dimRoundingMode,
    depthwise,
    dataFormat,
  );
}

const nhwcShape = (s: readonly number[], channelsFirst: boolean) =>
  channelsFirst ? [s[0]!, s[2]!, s[3]!, s[1]!] : [...s];

function depthwise(
  backend: CudaBackend,
  x: tf.TensorInfo,
  filter: tf.TensorInfo,
  a: tf.DepthwiseConv2dNativeAttrs,
) {
  const info = conv2dInfo(
    [...x.shape],
    [...filter.shape],
    { ...a, dataFormat: 'NHWC' } as tf.Conv2DAttrs,
    true,
  );
  const y = backend.makeOutput([info.batchSize, info.outHeight, info.outWidth, info.outChannels], 'float32');
  const n = info.batchSize * info.outHeight * info.outWidth * info.outChannels;
  backend.launch('DepthwiseConv2dNative', 'forward', elementwiseLaunch(n, backend.driver.device), (p) =>
    p
      .pointer(backend.pointer(y))
      .pointer(backend.pointer(x))
      .pointer(backend.pointer(filter))
      .ints(convGeometry(info, filter.shape[3]!)),
  );
  return y;
}

/**
 * Convolution kernels: Conv2D (im2col + GEMM) and both its gradients, FusedConv2D, the depthwise
 * convolution and its gradients, and FusedDepthwiseConv2D. NCHW inputs are transposed to NHWC.
 *
 * @example
 * ```ts
 * import { convKernels } from '@tessera/backend-cuda';
 * convKernels().map((k) => k.kernelName).includes('Conv2DBackpropFilter'); // true
 * ```
 */
export function convKernels(): tf.KernelConfig[] {
  return [
    cudaKernel('Conv2D', ({ inputs, backend, attrs }) => {
      const a = attrs as unknown as tf.Conv2DAttrs;
      const first = a.dataFormat === 'NCHW';
      const x = input(inputs, 'x');
      const filter = input(inputs, 'filter');
      const info = conv2dInfo(nhwcShape(x.shape, first), [...filter.shape], { ...a, dataFormat: 'NHWC' });
      return inNhwc(backend, first, [x], ([xs]) => conv2dForward(backend, xs!, filter, info));
    }),
    cudaKernel('FusedConv2D', ({ inputs, backend, attrs }) => {
      const a = attrs as unknown as tf.FusedConv2DAttrs;
      const first = a.dataFormat === 'NCHW';
      const x = input(inputs, 'x');
      const filter = input(inputs, 'filter');
      const info = conv2dInfo(nhwcShape(x.shape, first), [...filter.shape], { ...a, dataFormat: 'NHWC' });
      const y = inNhwc(backend, first, [x], ([xs]) => conv2dForward(backend, xs!, filter, info));
      let bias = inputs.bias ?? undefined;
      let biasView: tf.TensorInfo | undefined;
      if (bias && first && bias.shape.length === 1)
        bias = biasView = reshapeView(backend, bias, [bias.shape[0]!, 1, 1]);
      const out = biasAndActivation(
        backend,
        y,
        bias,
        a.activation as FusedActivation,
        inputs.preluActivationWeights ?? undefined,
        a.leakyreluAlpha,
      );
      if (biasView) backend.disposeIntermediate(biasView);
      return out;
    }),
    cudaKernel('Conv2DBackpropInput', ({ inputs, backend, attrs }) => {
      const a = attrs as unknown as tf.Conv2DBackpropInputAttrs;
      const first = a.dataFormat === 'NCHW';
      const filter = input(inputs, 'filter');
      const info = conv2dInfo(nhwcShape(a.inputShape, first), [...filter.shape], {
        ...a,
        dilations: 1,
        dataFormat: 'NHWC',
      } as tf.Conv2DAttrs);
      return inNhwc(backend, first, [input(inputs, 'dy')], ([dy]) =>
        conv2dInputGradient(backend, dy!, filter, info),
      );
    }),
    cudaKernel('Conv2DBackpropFilter', ({ inputs, backend, attrs }) => {
      const a = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
      const first = a.dataFormat === 'NCHW';
      const x = input(inputs, 'x');
      const info = conv2dInfo(nhwcShape(x.shape, first), [...a.filterShape], {
        ...a,
        dilations: 1,
        dataFormat: 'NHWC',
      } as tf.Conv2DAttrs);
      if (!first) return conv2dFilterGradient(backend, x, input(inputs, 'dy'), info);
      const xs = transposeOp(backend, x, NCHW_TO_NHWC);
      const dy = transposeOp(backend, input(inputs, 'dy'), NCHW_TO_NHWC);
      const dw = conv2dFilterGradient(backend, xs, dy, info);
      backend.disposeIntermediate(xs);
      backend.disposeIntermediate(dy);
      return dw;
    }),
    cudaKernel('DepthwiseConv2dNative', ({ inputs, backend, attrs }) =>
      depthwise(
        backend,
        input(inputs, 'x'),
        input(inputs, 'filter'),
        attrs as unknown as tf.DepthwiseConv2dNativeAttrs,
      ),
    ),
    cudaKernel('FusedDepthwiseConv2D', ({ inputs, backend, attrs }) => {
      const a = attrs as unknown as tf.FusedDepthwiseConv2DAttrs;
      const y = depthwise(backend, input(inputs, 'x'), input(inputs, 'filter'), a);
      return biasAndActivation(
        backend,
        y,
        inputs.bias ?? undefined,
        a.activation as FusedActivation,
        inputs.preluActivationWeights ?? undefined,
        a.leakyreluAlpha,
      );
    }),
    cudaKernel('DepthwiseConv2dNativeBackpropInput', ({ inputs, backend, attrs }) => {
      const a = attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
      const dy = input(inputs, 'dy');
      const filter = input(inputs, 'filter');
      const info = conv2dInfo(
        [...a.inputShape],
        [...filter.shape],
        { ...a, dataFormat: 'NHWC' } as tf.Conv2DAttrs,
        true,
      );
      const dx = backend.makeOutput([...a.inputShape], 'float32');
      const n = info.batchSize * info.inHeight * info.inWidth * info.inChannels;
      backend.launch(
        'DepthwiseConv2dNativeBackpropInput',
        'backprop_input',
        elementwiseLaunch(n, backend.driver.device),
        (p) =>
          p
            .pointer(backend.pointer(dx))
            .pointer(backend.pointer(dy))
            .pointer(backend.pointer(filter))
            .ints(convGeometry(info, filter.shape[3]!)),
      );
      return dx;
    }),
    cudaKernel('DepthwiseConv2dNativeBackpropFilter', ({ inputs, backend, attrs }) => {
      const a = attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
      const x = input(inputs, 'x');
      const dy = input(inputs, 'dy');
      const info = conv2dInfo(
        [...x.shape],
        [...a.filterShape],
        { ...a, dataFormat: 'NHWC' } as tf.Conv2DAttrs,
        true,
      );
      const dw = backend.makeOutput([...a.filterShape], 'float32');
      const elements = a.filterShape.reduce((p, d) => p * d, 1);
      const pixels = info.batchSize * info.outHeight * info.outWidth;
      backend.launch(
        'DepthwiseConv2dNativeBackpropFilter',
        'backprop_filter',
        rowLaunch(elements, pixels, backend.driver.device),
        (p) =>
          p
            .pointer(backend.pointer(dw))
            .pointer(backend.pointer(x))
            .pointer(backend.pointer(dy))
            .ints(convGeometry(info, a.filterShape[3]!)),
      );
      return dw;
    }),
  ];
}
