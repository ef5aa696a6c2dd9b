import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '../errors/index.js';

const GLOBAL_KEY = Symbol.for('@tessera/core/replaced-kernels');
const globalSlots = globalThis as Record<symbol, Map<string, tf.KernelConfig> | undefined>;
// On globalThis so ESM and CJS copies of core share one record, as they share tfjs's kernel registry.
globalSlots[GLOBAL_KEY] ??= new Map();
const store = globalSlots[GLOBAL_KEY];

const keyOf = (backendName: string, kernelName: string) => `${backendName}/${kernelName}`;

/** Keeps the first config core replaced for its kernel and backend (the backend's own). */
export function recordReplacedKernel(config: tf.KernelConfig): void {
  const key = keyOf(config.backendName, config.kernelName);
  if (!store.has(key)) store.set(key, config);
}

/**
 * The backend's own kernel config that `correctKernels` replaced, or `undefined` when core replaced none
 * for that kernel and backend. Corrections use it where the native kernel is right for some inputs, and
 * tests use it to show the native kernel's defect.
 *
 * @example
 * ```ts
 * import { correctKernels, replacedKernel } from '@tessera/core';
 * correctKernels('wasm');
 * const native = replacedKernel('wasm', 'Cast'); // wasm's own Cast kernel
 * ```
 */
export function replacedKernel(backendName: string, kernelName: string): tf.KernelConfig | undefined {
  return store.get(keyOf(backendName, kernelName));
}

/**
 * Runs the active backend's replaced native `kernelName` from inside a composite kernel body and returns
 * its output as a tensor owned by the enclosing `tf.tidy`. Unlike `tf.engine().runKernel`, it bypasses the
 * kernel registry, so a correction can hand the inputs its native kernel handles right back to it.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { compositeKernelFunc, runReplacedKernel } from '@tessera/core';
 * // A Cast correction that fixes only casts to bool and leaves the rest to the native kernel:
 * const cast = compositeKernelFunc(({ x }, attrs) =>
 *   attrs.dtype === 'bool' ? tf.notEqual(x!, 0) : runReplacedKernel('Cast', { x }, attrs),
 * );
 * ```
 * @throws BackendError when core replaced no `kernelName` on the active backend
 */
export function runReplacedKernel(
  kernelName: string,
  inputs: Readonly<Record<string, tf.Tensor | undefined>>,
  attrs: tf.NamedAttrMap,
): tf.Tensor {
  const engine = tf.engine();
  const native = replacedKernel(engine.backendName, kernelName);
  if (native === undefined) {
    throw new BackendError(
      `Expected a native ${kernelName} kernel of backend "${engine.backendName}" replaced by correctKernels; found none`,
      { where: 'runReplacedKernel' },
    );
  }
  const info = native.kernelFunc({ inputs: inputs as tf.NamedTensorInfoMap, backend: engine.backend, attrs });
  if (Array.isArray(info)) {
    throw new BackendError(`Expected one output from ${kernelName}; received ${info.length}`, {
      where: 'runReplacedKernel',
    });
  }
  // The kernel's output owns one backend reference; the tensor takes it over without adding one.
  return engine.makeTensorFromTensorInfo(info as tf.TensorInfo, engine.backend);
}

/**
 * A kernel that hands every call to the backend's replaced native kernel, except the calls `isDefective`
 * picks out, which go to `correction`. The native path adds no wrapping, so a hot kernel (`Cast`,
 * `BatchMatMul`) pays for its correction only where the native kernel is wrong.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { compositeKernelFunc, nativeUnless } from '@tessera/core';
 * const cast = nativeUnless(
 *   'Cast',
 *   ({ x }, attrs) => attrs.dtype === 'bool' && x!.dtype !== 'bool',
 *   compositeKernelFunc(({ x }) => tf.notEqual(x!, 0)),
 * );
 * ```
 */
export function nativeUnless(
  kernelName: string,
  isDefective: (inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap) => boolean,
  correction: tf.KernelFunc,
): tf.KernelFunc {
  return (args) => {
    if (isDefective(args.inputs, args.attrs ?? {})) return correction(args);
    const backendName = tf.engine().backendName;
    const native = replacedKernel(backendName, kernelName);
    if (native === undefined) {
      throw new BackendError(
        `Expected a native ${kernelName} kernel of backend "${backendName}" replaced by correctKernels; found none`,
        { where: 'nativeUnless' },
      );
    }
    return native.kernelFunc(args);
  };
}
