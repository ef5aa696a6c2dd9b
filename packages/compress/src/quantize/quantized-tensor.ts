/** How int8 codes map to real values: `symmetric` (zero point 0, codes −127…127) or `affine` (−128…127). */
export type QuantizationMode = 'symmetric' | 'affine';

/** One scale for the whole tensor, or one per slice along a channel axis. */
export type QuantizationGranularity = 'per-tensor' | 'per-channel';

/**
 * A tensor stored as 8-bit integer codes: `real ≈ (code − zeroPoint[c]) · scale[c]`, where `c` is the
 * channel of the element along `axis` (per-channel) or 0 (per-tensor). Scales are float32, as in TFLite.
 *
 * @example
 * ```ts
 * const q: Int8QuantizedTensor = quantizeInt8(new Float32Array([0.5, -1]), [2]);
 * q.values; // Int8Array [64, -127]
 * ```
 */
export interface Int8QuantizedTensor {
  readonly format: 'int8';
  readonly shape: readonly number[];
  readonly mode: QuantizationMode;
  /** The channel axis for per-channel codes, `null` for per-tensor. */
  readonly axis: number | null;
  readonly values: Int8Array;
  readonly scales: Float32Array;
  readonly zeroPoints: Int8Array;
}

/**
 * A tensor stored as IEEE 754 binary16 bit patterns (half the size of float32).
 * @example
 * ```ts
 * const h: Float16QuantizedTensor = quantizeFloat16(new Float32Array([1, 0.1]), [2]);
 * ```
 */
export interface Float16QuantizedTensor {
  readonly format: 'float16';
  readonly shape: readonly number[];
  readonly bits: Uint16Array;
}

/**
 * A tensor kept as float32 (biases and other small tensors a quantiser leaves alone).
 * @example
 * ```ts
 * const f: Float32StoredTensor = { format: 'float32', shape: [2], values: new Float32Array(2) };
 * ```
 */
export interface Float32StoredTensor {
  readonly format: 'float32';
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/** Any stored form of one weight. */
export type StoredTensor = Int8QuantizedTensor | Float16QuantizedTensor | Float32StoredTensor;

/**
 * Bytes a stored tensor takes: codes plus its scales and zero points (4 + 1 bytes per channel for int8).
 * @example
 * ```ts
 * storedByteSize(quantizeInt8(new Float32Array(100), [100])); // 100 + 4 + 1
 * ```
 */
export function storedByteSize(t: StoredTensor): number {
  switch (t.format) {
    case 'int8':
      return t.values.byteLength + t.scales.byteLength + t.zeroPoints.byteLength;
    case 'float16':
      return t.bits.byteLength;
    case 'float32':
      return t.values.byteLength;
  }
}
