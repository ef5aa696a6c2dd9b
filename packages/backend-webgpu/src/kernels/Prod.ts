import * as tf from '@tensorflow/tfjs-core';

/** What is wrong with tfjs-backend-webgpu 4.22's `Prod`. */
export const PROD_DEFECT =
  'tfjs-backend-webgpu 4.22 drops keepDims for small inputs still on the CPU: it reduces them with the shared ' +
  'CPU implementation and returns its shape (prod(x[3,1,5], [0, 2], keepDims) comes back as [1], not [1, 1, 1]).';

/**
 * Wraps tfjs-backend-webgpu 4.22's `Prod` so that `keepDims` is honoured (see {@link PROD_DEFECT}). The
 * values are right, so a result of the wrong shape is reshaped.
 *
 * @param native - the `Prod` kernel tfjs-backend-webgpu registered
 */
export function fixedProdKernel(native: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const result = native(args) as tf.TensorInfo;
    const x = args.inputs.x as tf.TensorInfo;
    const { axis, keepDims } = args.attrs as unknown as tf.ProdAttrs;
    if (!keepDims) return result;
    const axes = tf.util.parseAxisParam(axis, x.shape);
    const [reducedShape] = tf.backend_util.computeOutAndReduceShapes(x.shape, axes);
    const shape = tf.backend_util.expandShapeToKeepDim(reducedShape, axes);
    if (tf.util.arraysEqual(result.shape, shape)) return result;
    const reshape = tf.getKernel('Reshape', 'webgpu')!.kernelFunc;
    const reshaped = reshape({
      inputs: { x: result },
      backend: args.backend,
      attrs: { shape },
    }) as tf.TensorInfo;
    (args.backend as tf.KernelBackend).disposeData(result.dataId);
    return reshaped;
  };
}
