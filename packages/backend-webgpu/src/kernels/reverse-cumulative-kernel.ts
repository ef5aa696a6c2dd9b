import * as tf from '@tensorflow/tfjs-core';

/** What is wrong with tfjs-backend-webgpu 4.22's `Cumsum` and `Cumprod`. */
export const REVERSE_SCAN_DEFECT =
  'tfjs-backend-webgpu 4.22 bakes the scanned length into the shader of a reverse scan (end + pow2 < length, ' +
  'end != length - 1) but leaves it out of the pipeline cache key (cum_<op>_<exclusive>_<reverse>), so a later ' +
  'reverse scan over another length reuses that shader and returns wrong values.';

/**
 * Wraps tfjs-backend-webgpu 4.22's `Cumsum` or `Cumprod` so that `reverse` scans are right (see
 * {@link REVERSE_SCAN_DEFECT}). Forward scans do not depend on the length, so a reverse scan is computed
 * as reverse → forward scan → reverse, with the backend's `Reverse` kernel.
 *
 * @param native - the kernel tfjs-backend-webgpu registered
 */
export function forwardOnlyCumulativeKernel(native: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const attrs = args.attrs as unknown as tf.CumsumAttrs;
    if (!attrs.reverse) return native(args);
    const x = args.inputs.x as tf.TensorInfo;
    const backend = args.backend as tf.KernelBackend;
    const reverseKernel = tf.getKernel('Reverse', 'webgpu')!.kernelFunc;
    const flip = (t: tf.TensorInfo) =>
      reverseKernel({ inputs: { x: t }, backend, attrs: { dims: [attrs.axis] } }) as tf.TensorInfo;
    const flipped = flip(x);
    const scanned = native({
      inputs: { x: flipped },
      backend,
      attrs: { ...attrs, reverse: false } as unknown as tf.NamedAttrMap,
    }) as tf.TensorInfo;
    const result = flip(scanned);
    backend.disposeData(flipped.dataId);
    backend.disposeData(scanned.dataId);
    return result;
  };
}
