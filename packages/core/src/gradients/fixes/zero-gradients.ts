import * as tf from '@tensorflow/tfjs-core';

const zerosFor = (x: tf.Tensor) => () => tf.zeros(x.shape, 'float32');

/**
 * A gradient for a kernel whose output is piecewise constant in its inputs (a comparison, a logical op): zero
 * for every input, as float32 whatever the input's dtype (the tape accepts only float32 gradients).
 * PyTorch and TensorFlow treat such ops as constants to autodiff, so `where(x < 0, f(x), g(x))` has the
 * gradient of the chosen branch; tfjs-core registers no gradient for most of them and the tape throws
 * "gradient function not found".
 *
 * @param kernelName - the tfjs kernel id, e.g. `'Less'`.
 * @param inputNames - the kernel's input names, e.g. `['a', 'b']`.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { zeroGradientConfig } from '@tessera/core';
 * tf.registerGradient(zeroGradientConfig('Less', ['a', 'b']));
 * tf.grad((x) => tf.where(tf.less(x, 0), tf.neg(x), x))(tf.tensor1d([-2, 3])); // [-1, 1]
 * ```
 * @see https://pytorch.org/docs/stable/generated/torch.where.html
 */
export function zeroGradientConfig(kernelName: string, inputNames: readonly string[]): tf.GradConfig {
  return {
    kernelName,
    inputsToSave: [...inputNames],
    gradFunc: (_dy, saved) => Object.fromEntries(inputNames.map((name, i) => [name, zerosFor(saved[i]!)])),
  };
}

/**
 * Zero gradients for the comparison and logical kernels: `Less`, `LessEqual`, `Greater`, `Equal`,
 * `NotEqual`, `LogicalAnd`, `LogicalOr`, `LogicalNot` (tfjs-core has none) and `GreaterEqual` (tfjs-core's
 * returns gradients of the input's dtype, which the tape rejects for int32 inputs). tfjs-core's own zero
 * gradients for `IsNan`, `IsInf`, `IsFinite`, `ArgMax`, `ArgMin`, `Floor`, `Ceil`, `Round` and `Sign` are
 * kept.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { comparisonGradConfigs } from '@tessera/core';
 * for (const config of comparisonGradConfigs) tf.registerGradient(config);
 * ```
 */
export const comparisonGradConfigs: readonly tf.GradConfig[] = Object.freeze([
  ...[
    tf.Less,
    tf.LessEqual,
    tf.Greater,
    tf.GreaterEqual,
    tf.Equal,
    tf.NotEqual,
    tf.LogicalAnd,
    tf.LogicalOr,
  ].map((kernelName) => zeroGradientConfig(kernelName, ['a', 'b'])),
  zeroGradientConfig(tf.LogicalNot, ['x']),
]);
