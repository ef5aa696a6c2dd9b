import * as tf from '@tensorflow/tfjs-core';

/**
 * The body of a composite kernel: plain tfjs ops over the kernel's inputs (keyed as the kernel names them),
 * returning one tensor; everything else it creates is disposed for it.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import type { CompositeKernelBody } from '@tessera/core';
 * const softsign: CompositeKernelBody = ({ x }) => tf.div(x!, tf.add(tf.abs(x!), 1));
 * ```
 */
export type CompositeKernelBody = (
  inputs: Readonly<Record<string, tf.Tensor>>,
  attrs: tf.NamedAttrMap,
) => tf.Tensor;

/**
 * Turns a function of tfjs ops into a `KernelFunc`, so a kernel can be built from other kernels of the same
 * backend.
 *
 * Why the reference counting below: a kernel receives bare `TensorInfo`s and must hand back a `TensorInfo`
 * that owns exactly one backend reference, which the engine then wraps in a tensor without adding another
 * (`makeTensorFromTensorInfo`). Ops need real tensors, so each input is wrapped in a tensor that takes its
 * own reference (released when the wrapper is disposed), and the result gains one reference before its
 * tensor is disposed, leaving the count with the engine's wrapper. Nested ops are not taped (the engine
 * stops recording while `kernelDepth > 0`), so this adds nothing to a gradient tape.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { compositeKernelFunc } from '@tessera/core';
 * const squarePlusOne = compositeKernelFunc(({ x }) => tf.add(tf.square(x!), 1));
 * tf.registerKernel({ kernelName: 'MySquarePlusOne', backendName: 'cpu', kernelFunc: squarePlusOne });
 * ```
 */
export function compositeKernelFunc(body: CompositeKernelBody): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const kernelBackend = backend as tf.KernelBackend;
    const engine = tf.engine();
    const wrapped: Record<string, tf.Tensor> = {};
    for (const [name, info] of Object.entries(inputs)) {
      if (info === undefined) continue;
      kernelBackend.incRef(info.dataId);
      wrapped[name] = engine.makeTensorFromTensorInfo(info, kernelBackend);
    }
    try {
      const out = tf.tidy(() => body(wrapped, attrs ?? {}));
      kernelBackend.incRef(out.dataId);
      const info: tf.TensorInfo = { dataId: out.dataId, shape: out.shape, dtype: out.dtype };
      out.dispose();
      return info;
    } finally {
      for (const t of Object.values(wrapped)) t.dispose();
    }
  };
}
