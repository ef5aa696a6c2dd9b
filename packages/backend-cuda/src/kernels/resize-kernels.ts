import type * as tf from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../backend/cuda-backend.js';
import { elementwiseLaunch } from '../launch/launch-config.js';
import { sizeOf } from '../shape/size.js';
import { cudaKernel, input } from './cuda-kernel.js';
import { castOp, fillOp } from './ops/elementwise.js';

/** tfjs's source/destination ratio of one resized axis (`alignCorners` maps corner centres onto each other). */
export function resizeRatio(inSize: number, outSize: number, alignCorners: boolean): number {
  const aligned = alignCorners && outSize > 1;
  return (aligned ? inSize - 1 : inSize) / (aligned ? outSize - 1 : outSize);
}

function geometry(images: readonly number[], outH: number, outW: number, alignCorners: boolean) {
  const [batch, inH, inW, channels] = images as [number, number, number, number];
  return {
    batch,
    inH,
    inW,
    channels,
    outH,
    outW,
    ratioH: resizeRatio(inH, outH, alignCorners),
    ratioW: resizeRatio(inW, outW, alignCorners),
  };
}

function launchResize(
  backend: CudaBackend,
  module: string,
  fn: string,
  out: tf.TensorInfo,
  source: tf.TensorInfo,
  g: ReturnType<typeof geometry>,
  count: number,
  flags: number[],
) {
  if (count === 0) return;
  backend.launch(module, fn, elementwiseLaunch(count, backend.driver.device), (p) => {
    p.pointer(backend.pointer(out))
      .pointer(backend.pointer(source))
      .ints([g.batch, g.inH, g.inW, g.channels, g.outH, g.outW])
      .float32(g.ratioH)
      .float32(g.ratioW);
    for (const f of flags) p.int32(f);
  });
}

/**
 * Image resizing kernels (bilinear and nearest neighbour) and their gradients, with tfjs's mappings.
 *
 * @example
 * ```ts
 * import { resizeKernels } from '@tessera/backend-cuda';
 * resizeKernels().map((k) => k.kernelName).includes('ResizeBilinear'); // true
 * ```
 */
export function resizeKernels(): tf.KernelConfig[] {
  return [
    cudaKernel('ResizeBilinear', ({ inputs, backend, attrs }) => {
      const images = input(inputs, 'images');
      const { alignCorners, halfPixelCenters, size } = attrs as unknown as tf.ResizeBilinearAttrs;
      const g = geometry(images.shape, size[0], size[1], alignCorners);
      const source = images.dtype === 'float32' ? images : castOp(backend, images, 'float32');
      const out = backend.makeOutput([g.batch, g.outH, g.outW, g.channels], 'float32');
      launchResize(backend, 'ResizeBilinear', 'forward', out, source, g, sizeOf(out.shape), [
        halfPixelCenters ? 1 : 0,
      ]);
      if (source !== images) backend.disposeIntermediate(source);
      return out;
    }),
    cudaKernel('ResizeBilinearGrad', ({ inputs, backend, attrs }) => {
      const images = input(inputs, 'images');
      const dy = input(inputs, 'dy');
      const { alignCorners } = attrs as unknown as tf.ResizeBilinearGradAttrs;
      const g = geometry(images.shape, dy.shape[1]!, dy.shape[2]!, alignCorners);
      const dx = fillOp(backend, [...images.shape], 'float32', 0);
      launchResize(backend, 'ResizeBilinearGrad', 'backward', dx, dy, g, sizeOf(dy.shape), []);
      return dx;
    }),
    cudaKernel('ResizeNearestNeighbor', ({ inputs, backend, attrs }) => {
      const images = input(inputs, 'images');
      const { alignCorners, halfPixelCenters, size } = attrs as unknown as tf.ResizeNearestNeighborAttrs;
      const g = geometry(images.shape, size[0], size[1], alignCorners);
      const out = backend.makeOutput([g.batch, g.outH, g.outW, g.channels], images.dtype);
      launchResize(backend, 'ResizeNearestNeighbor', 'forward', out, images, g, sizeOf(out.shape), [
        alignCorners ? 1 : 0,
        halfPixelCenters ? 1 : 0,
      ]);
      return out;
    }),
    cudaKernel('ResizeNearestNeighborGrad', ({ inputs, backend, attrs }) => {
      const images = input(inputs, 'images');
      const dy = input(inputs, 'dy');
      const { alignCorners } = attrs as unknown as tf.ResizeNearestNeighborGradAttrs;
      const g = geometry(images.shape, dy.shape[1]!, dy.shape[2]!, alignCorners);
      const dx = fillOp(backend, [...images.shape], 'float32', 0);
      launchResize(backend, 'ResizeNearestNeighborGrad', 'backward', dx, dy, g, sizeOf(dy.shape), [
        alignCorners ? 1 : 0,
      ]);
      return dx;
    }),
  ];
}
