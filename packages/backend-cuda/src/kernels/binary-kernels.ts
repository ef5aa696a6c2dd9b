import * as tf from '@tensorflow/tfjs-core';
import { type CudaKernelFunc, cudaKernel, input } from './cuda-kernel.js';
import { binaryOp, castOp } from './ops/elementwise.js';

/**
 * How a binary kernel types its operands and result: `arithmetic` like its inputs (upcast), `compare`
 * and `logical` bool, `float` float32 only (inputs cast), `int-result` int32 from either (FloorDiv).
 */
export type BinaryKind = 'arithmetic' | 'compare' | 'logical' | 'float' | 'int-result';

/** A binary kernel with NumPy broadcasting over module `name`; `inputNames` as tfjs names them. */
export function binaryKernel(
  name: string,
  kind: BinaryKind,
  inputNames: readonly [string, string] = ['a', 'b'],
): tf.KernelConfig {
  const kernelFunc: CudaKernelFunc = ({ inputs, backend }) => {
    let a = input(inputs, inputNames[0]);
    let b = input(inputs, inputNames[1]);
    const made: tf.TensorInfo[] = [];
    const as = (x: tf.TensorInfo, dtype: tf.DataType) => {
      if (x.dtype === dtype || (dtype === 'int32' && x.dtype === 'bool')) return x;
      const cast = castOp(backend, x, dtype);
      made.push(cast);
      return cast;
    };
    let computeType: tf.DataType =
      kind === 'float' ? 'float32' : kind === 'logical' ? 'int32' : tf.upcastType(a.dtype, b.dtype);
    if (computeType === 'bool') computeType = 'int32';
    if (computeType !== 'float32' && computeType !== 'int32') computeType = 'float32';
    a = as(a, computeType);
    b = as(b, computeType);
    const outDtype: tf.DataType =
      kind === 'compare' || kind === 'logical' ? 'bool' : kind === 'int-result' ? 'int32' : computeType;
    const out = binaryOp(backend, name, a, b, outDtype, computeType === 'float32' ? 'f32' : 'i32');
    for (const x of made) backend.disposeIntermediate(x);
    return out;
  };
  return cudaKernel(name, kernelFunc);
}

/**
 * The element-wise binary kernels (broadcasting): arithmetic, comparisons, logical ops, Prelu and EluGrad.
 *
 * @example
 * ```ts
 * import { binaryKernels } from '@tessera/backend-cuda';
 * binaryKernels().map((k) => k.kernelName).includes('Add'); // true
 * ```
 */
export function binaryKernels(): tf.KernelConfig[] {
  const arithmetic = ['Add', 'Sub', 'Multiply', 'Maximum', 'Minimum', 'SquaredDifference', 'Pow'];
  const compare = ['Equal', 'NotEqual', 'Greater', 'GreaterEqual', 'Less', 'LessEqual'];
  return [
    ...arithmetic.map((n) => binaryKernel(n, 'arithmetic')),
    ...compare.map((n) => binaryKernel(n, 'compare')),
    binaryKernel('LogicalAnd', 'logical'),
    binaryKernel('LogicalOr', 'logical'),
    binaryKernel('RealDiv', 'float'),
    binaryKernel('FloorDiv', 'int-result'),
    binaryKernel('Prelu', 'float', ['x', 'alpha']),
    binaryKernel('EluGrad', 'float', ['dy', 'y']),
  ];
}
