import * as tf from '@tensorflow/tfjs-core';
import { completeKernels } from '../completion/index.js';
import { BackendError, ValidationError } from '../errors/index.js';
import { loadCpuBackendPackage } from './cpu-backend-plugin.js';
import { recordKernelOrigin } from './kernel-provenance.js';
import { messageOf } from './message-of.js';
import { warnOnce } from './warn-once.js';

/** Options of {@link enableCpuFallback}. */
export interface CpuFallbackOptions {
  /** Only these kernels (each must be a cpu kernel); by default every cpu kernel the backend lacks. */
  readonly kernels?: readonly string[];
}

/**
 * Opt-in last resort: for every kernel the cpu backend has and `backendName` lacks even after kernel
 * completion, registers a kernel on `backendName` that reads its inputs synchronously, runs the cpu kernel
 * on copies, and writes the outputs back. Correct but slow (two copies per call), so each kernel warns once,
 * when first used. The backend must already be initialised (`initBackend`) and must support synchronous
 * reads; kernels registered here are reported as `fallback` by `kernelCoverage`.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { enableCpuFallback, initBackend } from '@tessera/core';
 * await initBackend('wasm');
 * await enableCpuFallback('wasm', { kernels: ['RaggedRange'] });
 * const { rtDenseValues } = tf.raggedRange([0, 2], [3, 4], [1, 1]); // [0, 1, 2, 2, 3]
 * ```
 * @returns the kernel names registered by this call
 * @throws ValidationError when `backendName` is not a string, or `kernels` names a kernel the cpu backend lacks
 * @throws BackendError when the backend is not initialised or cannot read synchronously
 */
export async function enableCpuFallback(
  backendName: string,
  options: CpuFallbackOptions = {},
): Promise<string[]> {
  const where = 'enableCpuFallback';
  if (typeof backendName !== 'string' || backendName === '')
    throw ValidationError.expected('a backend name', backendName, where);
  if (backendName === 'cpu') return [];
  const backend = tf.engine().registry[backendName];
  if (!backend) {
    throw new BackendError(
      `Backend "${backendName}" is not initialised; call initBackend("${backendName}") first`,
      {
        where,
      },
    );
  }
  await loadCpuBackendPackage();
  const cpuKernels = new Set(tf.getKernelsForBackend('cpu').map((k) => k.kernelName));
  for (const name of options.kernels ?? []) {
    if (!cpuKernels.has(name))
      throw ValidationError.expected('names of kernels the cpu backend has', name, `${where}(kernels)`);
  }
  completeKernels(backendName);
  const wanted = (options.kernels ?? [...cpuKernels]).filter((name) => !tf.getKernel(name, backendName));
  if (wanted.length === 0) return [];
  assertSynchronousRead(backend, backendName);
  for (const kernelName of wanted) {
    tf.registerKernel({ kernelName, backendName, kernelFunc: cpuFallbackKernel(kernelName, backendName) });
    recordKernelOrigin(backendName, kernelName, 'fallback');
  }
  return wanted;
}

function assertSynchronousRead(backend: tf.KernelBackend, backendName: string): void {
  try {
    const dataId = backend.write(new Float32Array([1]), [1], 'float32');
    try {
      backend.readSync(dataId);
    } finally {
      backend.disposeData(dataId);
    }
  } catch (error) {
    throw new BackendError(
      `Backend "${backendName}" cannot read tensors synchronously (${messageOf(error)}), which the cpu fallback ` +
        'needs to run a kernel on the cpu backend inside a synchronous kernel call',
      { where: 'enableCpuFallback', cause: error },
    );
  }
}

function cpuFallbackKernel(kernelName: string, backendName: string): tf.KernelFunc {
  return ({ inputs, backend: target, attrs }) => {
    const backend = target as tf.KernelBackend;
    warnOnce(
      `Kernel "${kernelName}" runs on the cpu fallback on backend "${backendName}" (copies data in and out).`,
    );
    const cpu = tf.findBackend('cpu');
    const cpuKernel = tf.getKernel(kernelName, 'cpu');
    if (!cpu || !cpuKernel) {
      throw new BackendError(`The cpu backend or its "${kernelName}" kernel is gone`, {
        where: `${backendName}:${kernelName}`,
      });
    }
    const made: tf.DataId[] = [];
    try {
      // Variadic kernels (Concat, AddN) receive their inputs as an array; keep that shape.
      const cpuInputs: Record<string, tf.TensorInfo> = Array.isArray(inputs) ? ([] as never) : {};
      for (const [key, info] of Object.entries(inputs)) {
        if (!info) continue;
        assertCopyable(info.dtype, kernelName);
        const dataId = cpu.write(backend.readSync(info.dataId), info.shape, info.dtype);
        made.push(dataId);
        cpuInputs[key] = { dataId, shape: info.shape, dtype: info.dtype };
      }
      const result = cpuKernel.kernelFunc({ inputs: cpuInputs, backend: cpu, ...(attrs ? { attrs } : {}) });
      const outputs = Array.isArray(result) ? result : [result];
      made.push(...outputs.map((o) => o.dataId));
      const copied = outputs.map((o) => {
        assertCopyable(o.dtype, kernelName);
        return {
          dataId: backend.write(cpu.readSync(o.dataId), o.shape, o.dtype),
          shape: o.shape,
          dtype: o.dtype,
        };
      });
      return Array.isArray(result) ? copied : copied[0]!;
    } finally {
      // Each input copy and each output holds one reference (a kernel returning its input, as Reshape does,
      // took an extra one), so one disposeData per entry frees everything made on the cpu backend.
      for (const dataId of made) cpu.disposeData(dataId);
    }
  };
}

function assertCopyable(dtype: tf.DataType, kernelName: string): void {
  if (dtype === 'complex64') {
    throw new BackendError(`The cpu fallback cannot copy complex64 tensors between backends`, {
      where: kernelName,
    });
  }
}
