import type * as tf from '@tensorflow/tfjs-core';
import { type CudaKernelFunc, cudaKernel, input } from './cuda-kernel.js';
import { castOp, unaryOp } from './ops/elementwise.js';

/** Unary kernels whose module also has an int32 variant (others compute in float32). */
const WITH_INT32 = new Set(['Abs', 'Neg', 'Square', 'Relu', 'Relu6', 'Step', 'ClipByValue', 'LogicalNot']);

/** A unary kernel over module `name` (`cuda/kernels/<name>.cu`); `params` reads its float attributes. */
export function unaryKernel(
  name: string,
  params?: (attrs: tf.NamedAttrMap) => readonly [number, number],
): tf.KernelConfig {
  const kernelFunc: CudaKernelFunc = ({ inputs, backend, attrs }) => {
    const x = input(inputs, 'x');
    const options = params ? { params: params(attrs ?? {}) } : {};
    if (x.dtype === 'float32' || WITH_INT32.has(name)) return unaryOp(backend, name, x, options);
    const asFloat = castOp(backend, x, 'float32');
    const out = unaryOp(backend, name, asFloat, options);
    backend.disposeIntermediate(asFloat);
    return out;
  };
  return cudaKernel(name, kernelFunc);
}

const attr = (attrs: tf.NamedAttrMap, key: string, fallback: number) =>
  (attrs[key] as number | undefined) ?? fallback;

/**
 * The element-wise unary kernels: each runs `cuda/kernels/<KernelId>.cu` (one thread per element).
 *
 * @example
 * ```ts
 * import { unaryKernels } from '@tessera/backend-cuda';
 * unaryKernels().map((k) => k.kernelName).includes('Relu'); // true
 * ```
 */
export function unaryKernels(): tf.KernelConfig[] {
  const plain = [
    'Abs',
    'Neg',
    'Square',
    'Relu',
    'Relu6',
    'Exp',
    'Log',
    'Log1p',
    'Sqrt',
    'Rsqrt',
    'Reciprocal',
  ]
    .concat([
      'Sin',
      'Cos',
      'Tanh',
      'Sigmoid',
      'Softplus',
      'Erf',
      'Floor',
      'Ceil',
      'Round',
      'Elu',
      'Selu',
      'LogicalNot',
    ])
    .map((name) => unaryKernel(name));
  return [
    ...plain,
    unaryKernel('Step', (a) => [attr(a, 'alpha', 0), 0]),
    unaryKernel('LeakyRelu', (a) => [attr(a, 'alpha', 0.2), 0]),
    unaryKernel('ClipByValue', (a) => [
      attr(a, 'clipValueMin', -Infinity),
      attr(a, 'clipValueMax', Infinity),
    ]),
  ];
}
