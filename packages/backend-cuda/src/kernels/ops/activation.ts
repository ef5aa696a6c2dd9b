import type * as tf from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../../backend/cuda-backend.js';
import { binaryOp, unaryOp } from './elementwise.js';

/** tfjs's fused activations (`_FusedMatMul`, `FusedConv2D`, `FusedDepthwiseConv2D`). */
export type FusedActivation = 'linear' | 'relu' | 'relu6' | 'elu' | 'prelu' | 'leakyrelu' | 'sigmoid';

const MODULES: Record<Exclude<FusedActivation, 'linear' | 'prelu'>, string> = {
  relu: 'Relu',
  relu6: 'Relu6',
  elu: 'Elu',
  leakyrelu: 'LeakyRelu',
  sigmoid: 'Sigmoid',
};

/**
 * Adds `bias` (broadcast) and applies `activation` to a kernel's result, consuming it: returns `x` itself
 * when there is nothing to do, otherwise a new tensor (and `x` is released).
 */
export function biasAndActivation(
  backend: CudaBackend,
  x: tf.TensorInfo,
  bias: tf.TensorInfo | undefined,
  activation: FusedActivation | undefined,
  preluWeights: tf.TensorInfo | undefined,
  leakyreluAlpha: number | undefined,
): tf.TensorInfo {
  let y = x;
  if (bias) {
    y = binaryOp(backend, 'Add', x, bias);
    backend.disposeIntermediate(x);
  }
  if (!activation || activation === 'linear') return y;
  let z: tf.TensorInfo;
  if (activation === 'prelu') {
    if (!preluWeights) throw new Error('fused prelu activation without preluActivationWeights');
    z = binaryOp(backend, 'Prelu', y, preluWeights);
  } else {
    const params = activation === 'leakyrelu' ? ([leakyreluAlpha ?? 0.2, 0] as const) : undefined;
    z = unaryOp(backend, MODULES[activation], y, params ? { params } : {});
  }
  backend.disposeIntermediate(y);
  return z;
}
