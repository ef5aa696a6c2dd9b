import * as tf from '@tensorflow/tfjs-core';

/**
 * Wraps tfjs-backend-webgpu 4.22's `Prod` so that `keepDims` is honoured. For small inputs whose values
 * are still on the CPU, that kernel reduces with tfjs's shared CPU implementation and returns that shape,
 * dropping the kept dimensions (`prod(x[3,1,5], [0, 2], keepDims)` comes back as `[1]`, not `[1, 1, 1]`);
 * found by the conformance suite. The values are right, so the result is reshaped.
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
