import * as tf from '@tensorflow/tfjs-core';
import type { KernelCorrection } from '../kernel-correction.js';

/**
 * The input gradient of a 2D max pool (channels last), computed on the host: each output's gradient goes
 * to the first cell of its window, in row-major order, holding the window's maximum (PyTorch's and tfjs
 * cpu's rule; a NaN counts as the maximum), and gradients of overlapping windows add up.
 *
 * Why on the host rather than from wasm ops: the composite version (pad, one strided slice per window tap,
 * select, scatter) took about 60 % of a small CNN's training step on wasm; this loop touches each window
 * cell once and costs a few milliseconds per batch.
 */
function maxPoolGradOnHost(
  dy: Float32Array,
  x: Float32Array,
  info: tf.backend_util.Conv2DInfo,
): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth } = info;
  const { effectiveFilterHeight, effectiveFilterWidth } = info;
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  const dx = new Float32Array(x.length);
  const rowStride = inWidth * channels;
  const imageStride = inHeight * rowStride;
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    const image = b * imageStride;
    for (let r = 0; r < outHeight; r++) {
      const r0 = r * strideHeight - padTop;
      for (let c = 0; c < outWidth; c++) {
        const c0 = c * strideWidth - padLeft;
        for (let d = 0; d < channels; d++, o++) {
          let best = Number.NEGATIVE_INFINITY;
          let where = -1;
          for (let i = 0; i < effectiveFilterHeight; i += dilationHeight) {
            const row = r0 + i;
            if (row < 0 || row >= inHeight) continue;
            for (let j = 0; j < effectiveFilterWidth; j += dilationWidth) {
              const col = c0 + j;
              if (col < 0 || col >= inWidth) continue;
              const at = image + row * rowStride + col * channels + d;
              const v = x[at]!;
              // `where < 0` takes the first in-bounds cell even when every value is -Infinity.
              if (where < 0 || v > best || (Number.isNaN(v) && !Number.isNaN(best))) {
                best = v;
                where = at;
              }
            }
          }
          if (where >= 0) dx[where]! += dy[o]!;
        }
      }
    }
  }
  return dx;
}

/**
 * Replaces wasm's `MaxPoolGrad` with a direct host loop over the forward input (see `maxPoolGradOnHost`).
 *
 * @example
 * ```ts
 * import { correctKernels } from '@tessera/core';
 * correctKernels('wasm'); // ['MaxPoolGrad', ...]
 * ```
 */
export const wasmMaxPoolGradCorrection: KernelCorrection = {
  kernelName: tf.MaxPoolGrad,
  backendName: 'wasm',
  defect:
    'tfjs-backend-wasm 4.22 starts each window maximum at the smallest positive float ' +
    '(numeric_limits<float>::min()) instead of -infinity, so a window whose values are all <= 0 loses its ' +
    'gradient (relu outputs, normalised activations); ties go to the last maximum instead of the first.',
  uses: [],
  kernelFunc: ({ inputs, backend, attrs }) => {
    const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
    const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolGradAttrs;
    const kernelBackend = backend as tf.KernelBackend;
    const info = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number],
      filterSize,
      strides,
      1,
      pad,
      dimRoundingMode,
    );
    const dx = maxPoolGradOnHost(
      kernelBackend.readSync(dy.dataId) as Float32Array,
      kernelBackend.readSync(input.dataId) as Float32Array,
      info,
    );
    // `write` is the one way every KernelBackend takes host values; the new data holds one reference.
    return { dataId: kernelBackend.write(dx, input.shape, 'float32'), shape: input.shape, dtype: 'float32' };
  },
};
