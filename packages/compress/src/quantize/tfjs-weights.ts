import { ValidationError } from '@tessera/core';
import type { io } from '@tensorflow/tfjs-core';
import { checkValues } from './channel-layout.js';
import { quantizeFloat16 } from './float16.js';
import { quantizeForTfjs } from './tfjs-affine.js';

/** One named float32 weight to encode. */
export interface NamedWeightValues {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/** Options of {@link encodeTfjsWeights}. */
export interface TfjsWeightEncodingOptions {
  /** Manifest quantisation for the selected weights; `null` keeps float32 (default `'uint8'`). */
  readonly quantization?: 'uint8' | 'uint16' | 'float16' | null;
  /**
   * Which weights to quantise (default: those with at least 2 dimensions — kernels; biases and
   * normalisation parameters stay float32, as their size is negligible and their precision matters).
   */
  readonly include?: (weight: NamedWeightValues) => boolean;
}

/** The binary weights and their manifest entries, ready for a `model.json` `weightsManifest` group. */
export interface TfjsEncodedWeights {
  readonly data: ArrayBuffer;
  readonly specs: io.WeightsManifestEntry[];
}

/**
 * The default weight filter of {@link encodeTfjsWeights}: kernels (rank ≥ 2) are worth quantising; vectors are not.
 * @example
 * ```ts
 * encodeTfjsWeights(weights, { quantization: 'uint8', include: quantizeKernelsOnly });
 * ```
 */
export const quantizeKernelsOnly = (w: NamedWeightValues): boolean => w.shape.length >= 2;

/**
 * Encodes weights in the TensorFlow.js binary weights format, with the manifest's quantisation
 * (`{ dtype: 'uint8' | 'uint16', scale, min }` or `{ dtype: 'float16' }`) on the selected weights, so
 * `tf.io.decodeWeights` and `tf.loadLayersModel` dequantise them on load.
 *
 * @throws ValidationError for duplicate names, an unknown quantisation or non-finite values
 * @see https://github.com/tensorflow/tfjs/blob/master/tfjs-core/src/io/types.ts (`WeightsManifestEntry`)
 * @example
 * ```ts
 * const { data, specs } = encodeTfjsWeights([{ name: 'dense/kernel', shape: [2, 2], values }]);
 * const decoded = tf.io.decodeWeights(data, specs); // { 'dense/kernel': tf.Tensor }
 * ```
 */
export function encodeTfjsWeights(
  weights: readonly NamedWeightValues[],
  options: TfjsWeightEncodingOptions = {},
): TfjsEncodedWeights {
  const where = 'encodeTfjsWeights';
  const quantization = options.quantization === undefined ? 'uint8' : options.quantization;
  if (quantization !== null && !['uint8', 'uint16', 'float16'].includes(quantization)) {
    throw ValidationError.expected(
      '"uint8", "uint16", "float16" or null',
      quantization,
      `${where}(quantization)`,
    );
  }
  const include = options.include ?? quantizeKernelsOnly;
  const seen = new Set<string>();
  const chunks: Uint8Array[] = [];
  const specs: io.WeightsManifestEntry[] = [];
  for (const w of weights) {
    if (typeof w?.name !== 'string' || seen.has(w.name)) {
      throw ValidationError.expected('unique weight names', w?.name, where);
    }
    seen.add(w.name);
    checkValues(w.values, w.shape, `${where}(${w.name})`);
    const base = { name: w.name, shape: [...w.shape], dtype: 'float32' as const };
    if (quantization === null || !include(w)) {
      chunks.push(new Uint8Array(w.values.buffer, w.values.byteOffset, w.values.byteLength).slice());
      specs.push(base);
    } else if (quantization === 'float16') {
      const { bits } = quantizeFloat16(w.values, w.shape);
      chunks.push(new Uint8Array(bits.buffer));
      specs.push({ ...base, quantization: { dtype: 'float16' } });
    } else {
      const q = quantizeForTfjs(w.values, w.shape, quantization);
      chunks.push(new Uint8Array(q.codes.buffer));
      specs.push({ ...base, quantization: { dtype: quantization, scale: q.scale, min: q.min } });
    }
  }
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const data = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    data.set(c, offset);
    offset += c.byteLength;
  }
  return { data: data.buffer, specs };
}
