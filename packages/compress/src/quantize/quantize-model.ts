import * as tf from '@tensorflow/tfjs-core';
import { IOError, ValidationError } from '@tessera/core';
import {
  deserializeModel,
  Model,
  modelWeightPaths,
  type SerializedLayer,
  serializeLayer,
} from '@tessera/layers';
import { dequantizeFloat16, quantizeFloat16 } from './float16.js';
import { dequantizeInt8, quantizeInt8 } from './int8.js';
import {
  type QuantizationGranularity,
  type QuantizationMode,
  type StoredTensor,
  storedByteSize,
} from './quantized-tensor.js';

/** A weight as {@link QuantizeModelOptions.include} sees it. */
export interface WeightInfo {
  /** Path relative to the model, e.g. `conv2d/kernel`. */
  readonly path: string;
  /** The layer's own name for it, e.g. `kernel`. */
  readonly name: string;
  readonly shape: readonly number[];
}

/** Options of {@link quantizeModel}. */
export interface QuantizeModelOptions {
  /** `int8` (default) or `float16` storage for the selected weights. */
  readonly format?: 'int8' | 'float16';
  /** int8 mapping (default `symmetric`). */
  readonly mode?: QuantizationMode;
  /** int8 scales per tensor or per output channel (default `per-channel`). */
  readonly granularity?: QuantizationGranularity;
  /** Which weights to quantise (default: rank ≥ 2 — kernels and embeddings; vectors stay float32). */
  readonly include?: (weight: WeightInfo) => boolean;
}

/** A model with quantised weights: its topology (registry JSON) and each weight in stored form. */
export interface QuantizedModel {
  readonly format: 'tessera.quantized-model';
  readonly version: 1;
  readonly topology: SerializedLayer;
  readonly weights: readonly { readonly path: string; readonly tensor: StoredTensor }[];
}

/**
 * Post-training weight quantisation of a built model: each selected weight becomes int8 codes with
 * per-channel (default) or per-tensor scales, symmetric (default) or affine, or float16; the others stay
 * float32. Reads weights asynchronously; the model is left unchanged.
 *
 * @throws ValidationError for a model that is not built, or bad options
 * @see https://www.tensorflow.org/model_optimization/guide/quantization/post_training
 * @example
 * ```ts
 * const q = await quantizeModel(model); // int8, symmetric, per output channel
 * const restored = dequantizeModel(q);   // a float32 model again, dequantised on load
 * ```
 */
export async function quantizeModel(
  model: Model,
  options: QuantizeModelOptions = {},
): Promise<QuantizedModel> {
  const where = 'quantizeModel';
  if (!(model instanceof Model) || !model.built)
    throw ValidationError.expected('a built Model', model, where);
  const format = options.format ?? 'int8';
  if (format !== 'int8' && format !== 'float16')
    throw ValidationError.expected('"int8" or "float16"', format, `${where}(format)`);
  const include = options.include ?? ((w: WeightInfo) => w.shape.length >= 2);
  const weights = model.weights;
  const paths = modelWeightPaths(model, weights);
  const values = await Promise.all(weights.map((w) => w.variable.data() as Promise<Float32Array>));
  const stored = weights.map((w, i) => {
    const info: WeightInfo = { path: paths[i]!, name: w.name, shape: w.shape };
    const v = values[i]!;
    let tensor: StoredTensor;
    if (!include(info)) tensor = { format: 'float32', shape: [...w.shape], values: v };
    else if (format === 'float16') tensor = quantizeFloat16(v, w.shape);
    else {
      tensor = quantizeInt8(v, w.shape, {
        mode: options.mode ?? 'symmetric',
        granularity: options.granularity ?? 'per-channel',
      });
    }
    return { path: paths[i]!, tensor };
  });
  return { format: 'tessera.quantized-model', version: 1, topology: serializeLayer(model), weights: stored };
}

/**
 * The float32 values a stored tensor stands for.
 * @example
 * ```ts
 * const values = dequantizeStored(quantized.weights[0].tensor);
 * ```
 */
export function dequantizeStored(t: StoredTensor): Float32Array {
  return t.format === 'int8' ? dequantizeInt8(t) : t.format === 'float16' ? dequantizeFloat16(t) : t.values;
}

/**
 * Writes the dequantised weights of `quantized` into `model` (matched by path), so the float model runs
 * with exactly the values the quantised one stores.
 * @throws IOError when a path is missing on either side or a shape differs
 * @example
 * ```ts
 * loadQuantizedWeights(model, await quantizeModel(model)); // simulate int8 in place
 * ```
 */
export function loadQuantizedWeights(model: Model, quantized: QuantizedModel): void {
  const byPath = new Map(quantized.weights.map((w) => [w.path, w.tensor]));
  const weights = model.weights;
  const paths = modelWeightPaths(model, weights);
  const missing = paths.filter((p) => !byPath.has(p));
  if (missing.length > 0 || byPath.size !== paths.length) {
    throw new IOError(`Quantised weights do not match the model (missing: ${missing.join(', ') || 'none'})`, {
      where: 'loadQuantizedWeights',
    });
  }
  const tensors = paths.map((p, i) => {
    const stored = byPath.get(p)!;
    if (!tf.util.arraysEqual([...stored.shape], weights[i]!.shape))
      throw new IOError(`Weight ${p} has shape [${stored.shape}], the model [${weights[i]!.shape}]`, {
        where: 'loadQuantizedWeights',
      });
    return tf.tensor(dequantizeStored(stored), [...stored.shape]);
  });
  try {
    model.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
}

/**
 * Recreates the model of `quantized` through the registry and loads its dequantised weights (dequantising
 * on load). The caller disposes the model.
 * @throws IOError / UnknownPluginError when the topology or weights do not fit
 * @example
 * ```ts
 * const model = dequantizeModel(JSON.parse(text));
 * ```
 */
export function dequantizeModel(quantized: QuantizedModel): Model {
  if (quantized?.format !== 'tessera.quantized-model')
    throw new IOError('Expected a quantised model (format "tessera.quantized-model")', {
      where: 'dequantizeModel',
    });
  const model = deserializeModel(quantized.topology);
  try {
    loadQuantizedWeights(model, quantized);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

/**
 * Bytes of the stored weights of a quantised model (codes, scales, zero points, float32 leftovers).
 * @example
 * ```ts
 * quantizedByteSize(await quantizeModel(model)) / (model.countParams() * 4); // about 0.25
 * ```
 */
export function quantizedByteSize(quantized: QuantizedModel): number {
  return quantized.weights.reduce((n, w) => n + storedByteSize(w.tensor), 0);
}
