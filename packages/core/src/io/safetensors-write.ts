import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '../errors/index.js';
import { isSafetensorsDType, type SafetensorsDType } from './safetensors-dtypes.js';
import type { RawTensor } from './safetensors-parse.js';
import { serializeSafetensors } from './safetensors-serialize.js';
import { STORABLE_AS, tfjsToRaw } from './tfjs-to-raw.js';

/** Options of {@link writeSafetensors}. */
export interface WriteSafetensorsOptions {
  /** Free-form string map stored as `__metadata__` (for example `{ format: 'pt' }`). */
  metadata?: Readonly<Record<string, string>>;
  /** Stored dtype of every float32 tensor not named in `dtypes`: `'F32'` (default), `'F16'`, `'BF16'`, `'F64'`. */
  floatDType?: 'F32' | 'F16' | 'BF16' | 'F64';
  /**
   * Stored dtype per tensor name, overriding the defaults (float32 → `floatDType`, int32 → I32,
   * bool → BOOL). int32 may be stored as I64, I16, I8, U32, U16 or U8 (range-checked), bool as U8.
   */
  dtypes?: Readonly<Record<string, SafetensorsDType>>;
}

/**
 * Encodes named tensors as a safetensors file (bytes; in Node `writeSafetensorsFile` from
 * `@tessera/core/node` writes it to disk atomically). Reads tensors asynchronously and leaves them
 * untouched. The byte layout matches the reference implementation: see {@link serializeSafetensors}.
 *
 * @throws {@link ValidationError} for a disposed or non-tensor value, an unknown dtype, or a `dtypes` entry
 *   naming no tensor; {@link DTypeError} when a tensor cannot be stored as the requested dtype (for
 *   example a string tensor, or float32 as I32).
 * @see https://github.com/huggingface/safetensors#format
 * @example
 * ```ts
 * const bytes = await writeSafetensors(weights, { metadata: { format: 'pt' }, floatDType: 'BF16' });
 * ```
 */
export async function writeSafetensors(
  tensors: Readonly<Record<string, tf.Tensor>>,
  options: WriteSafetensorsOptions = {},
): Promise<Uint8Array> {
  const where = 'writeSafetensors(tensors, options)';
  const { metadata, floatDType = 'F32', dtypes = {} } = options;
  if (!['F32', 'F16', 'BF16', 'F64'].includes(floatDType)) {
    throw ValidationError.expected('floatDType F32, F16, BF16 or F64', floatDType, where);
  }
  const unknown = Object.keys(dtypes).filter((name) => !Object.hasOwn(tensors, name));
  if (unknown.length)
    throw ValidationError.expected('dtypes only for tensors being written', unknown.join(', '), where);
  const names = Object.keys(tensors);
  const stored = names.map((name) => {
    const tensor = tensors[name];
    if (!(tensor instanceof tf.Tensor) || tensor.isDisposed) {
      throw ValidationError.expected(`a live tensor for ${JSON.stringify(name)}`, tensor, where);
    }
    const dtype = dtypes[name] ?? (tensor.dtype === 'float32' ? floatDType : STORABLE_AS[tensor.dtype]?.[0]);
    if (dtype !== undefined && !isSafetensorsDType(dtype)) {
      throw ValidationError.expected(`a safetensors dtype for ${JSON.stringify(name)}`, dtype, where);
    }
    return dtype ?? 'F32'; // unsupported tensor dtypes are reported by tfjsToRaw with the full story
  });
  const values = await Promise.all(names.map((name) => tensors[name]!.data()));
  const raw: Record<string, RawTensor> = Object.fromEntries(
    names.map((name, i) => {
      const tensor = tensors[name]!;
      const dtype = stored[i]!;
      return [name, { dtype, shape: tensor.shape, data: tfjsToRaw(name, values[i]!, tensor.dtype, dtype) }];
    }),
  );
  return serializeSafetensors(raw, metadata);
}
