import * as tf from '@tensorflow/tfjs-core';

/** What is wrong with tfjs-backend-webgpu 4.22's `PadV2`. */
export const PAD_DEFECT =
  'tfjs-backend-webgpu 4.22 writes its pad shader with vecN types for the input rank, which WGSL has only up to ' +
  'vec4: above rank 4 the shader does not compile ("cannot index type \'vec5\'") and the output stays zeros.';

/**
 * Wraps tfjs-backend-webgpu 4.22's `PadV2` so that inputs of rank 5 and more are padded (see
 * {@link PAD_DEFECT}): each padded axis in turn, with the input viewed as rank 3 (the axes before it, the
 * axis, the axes after it), which the native kernel handles. Core's `StridedSlice` gradient pads at rank
 * 2·r, so this matters as soon as a rank-3 slice is differentiated.
 *
 * @param native - the `PadV2` kernel tfjs-backend-webgpu registered
 */
export function rankLimitedPadKernel(native: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const x = args.inputs.x as tf.TensorInfo;
    if (x.shape.length <= 4) return native(args);
    const backend = args.backend as tf.KernelBackend;
    const { paddings, constantValue } = args.attrs as unknown as tf.PadV2Attrs;
    const reshapeKernel = tf.getKernel('Reshape', 'webgpu')!.kernelFunc;
    const reshape = (t: tf.TensorInfo, shape: number[]) =>
      reshapeKernel({ inputs: { x: t }, backend, attrs: { shape } }) as tf.TensorInfo;
    let current = x;
    let shape = [...x.shape];
    // Each intermediate holds one reference, released once the next one is made (x itself is not ours).
    const release = (t: tf.TensorInfo) => {
      if (t !== x) backend.disposeData(t.dataId);
    };
    paddings.forEach(([before, after], axis) => {
      if (before === 0 && after === 0) return;
      const outer = shape.slice(0, axis).reduce((a, b) => a * b, 1);
      const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
      const view = reshape(current, [outer, shape[axis]!, inner]);
      const padded = native({
        inputs: { x: view },
        backend,
        attrs: {
          paddings: [
            [0, 0],
            [before, after],
            [0, 0],
          ],
          constantValue,
        },
      }) as tf.TensorInfo;
      shape = shape.map((size, i) => (i === axis ? size + before + after : size));
      const next = reshape(padded, shape);
      backend.disposeData(view.dataId);
      backend.disposeData(padded.dataId);
      release(current);
      current = next;
    });
    // Nothing padded: hand back a new reference to the input, as the native kernel returns a new tensor.
    return current === x ? reshape(x, shape) : current;
  };
}
