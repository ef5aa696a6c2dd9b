import { ValidationError } from '@tessera/core';
import { Model, modelWeightPaths } from '@tessera/layers';
import { gzipSync } from 'fflate';

/** Sparsity of one weight. */
export interface WeightSparsity {
  readonly path: string;
  readonly size: number;
  readonly zeros: number;
  readonly sparsity: number;
}

/** What {@link sparsityReport} measures. */
export interface SparsityReport {
  readonly weights: readonly WeightSparsity[];
  /** Zeros over all weights of the given paths (default: all weights). */
  readonly sparsity: number;
  /** The weights as raw float32. */
  readonly denseBytes: number;
  /** The same bytes gzipped (level 9): how far the zeros compress, as TF-MOT's guide measures it. */
  readonly gzippedBytes: number;
}

/**
 * Counts zeros per weight and overall, and measures how well the weights compress (gzip of the float32
 * bytes, TF-MOT's measure of a pruned model's size). Reads weights asynchronously.
 * @throws ValidationError for something other than a built model
 * @see https://www.tensorflow.org/model_optimization/guide/pruning/pruning_with_keras
 * @example
 * ```ts
 * const report = await sparsityReport(stripPruning(pruned));
 * console.log(report.sparsity, report.gzippedBytes / report.denseBytes);
 * ```
 */
export async function sparsityReport(
  model: Model,
  options: { include?: (path: string, layerWeightName: string) => boolean } = {},
): Promise<SparsityReport> {
  if (!(model instanceof Model) || !model.built)
    throw ValidationError.expected('a built Model', model, 'sparsityReport');
  const all = model.weights;
  const paths = modelWeightPaths(model, all);
  const include = options.include ?? (() => true);
  const chosen = all.map((w, i) => ({ w, path: paths[i]! })).filter(({ w, path }) => include(path, w.name));
  const values = await Promise.all(chosen.map(({ w }) => w.variable.data() as Promise<Float32Array>));
  const weights = chosen.map(({ path }, i) => {
    const v = values[i]!;
    let zeros = 0;
    for (let j = 0; j < v.length; j++) if (v[j] === 0) zeros++;
    return { path, size: v.length, zeros, sparsity: v.length ? zeros / v.length : 0 };
  });
  const size = weights.reduce((n, w) => n + w.size, 0);
  const zeros = weights.reduce((n, w) => n + w.zeros, 0);
  const bytes = new Uint8Array(size * 4);
  let offset = 0;
  for (const v of values) {
    bytes.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), offset);
    offset += v.byteLength;
  }
  return {
    weights,
    sparsity: size ? zeros / size : 0,
    denseBytes: bytes.byteLength,
    gzippedBytes: gzipSync(bytes, { level: 9 }).byteLength,
  };
}

/**
 * A {@link sparsityReport} filter keeping only kernels (the weights pruning applies to).
 * @example
 * ```ts
 * const kernels = await sparsityReport(model, { include: isKernelWeight });
 * ```
 */
export const isKernelWeight = (_path: string, name: string): boolean => /kernel$/i.test(name);
