import * as tf from '@tensorflow/tfjs-core';

/**
 * Counts synchronous reads while `run` runs: `dataSync`, `arraySync` and `bufferSync` on tensors, and the
 * engine's `readSync` (which they and cross-backend moves go through). On WebGPU in Node such a read of
 * data on the GPU fails; in browsers it stalls the GPU. Kernel-internal reads of CPU-resident inputs
 * (tfjs-backend-webgpu's small-tensor CPU path) call the backend directly and are not counted.
 */
export async function countSyncReads<T>(run: () => Promise<T>): Promise<{ result: T; reads: string[] }> {
  const reads: string[] = [];
  const proto = tf.Tensor.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const engine = tf.engine() as unknown as Record<string, (...args: unknown[]) => unknown>;
  const patched: Array<[Record<string, (...args: unknown[]) => unknown>, string]> = [
    [proto, 'dataSync'],
    [proto, 'arraySync'],
    [proto, 'bufferSync'],
    [engine, 'readSync'],
  ];
  const originals = patched.map(([target, name]) => target[name]!);
  patched.forEach(([target, name], i) => {
    target[name] = function (this: unknown, ...args: unknown[]) {
      reads.push(`${name}\n${new Error().stack?.split('\n').slice(2, 6).join('\n') ?? ''}`);
      return originals[i]!.apply(this, args);
    };
  });
  try {
    return { result: await run(), reads };
  } finally {
    patched.forEach(([target, name], i) => {
      target[name] = originals[i]!;
    });
  }
}
