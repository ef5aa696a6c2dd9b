import * as tf from '@tensorflow/tfjs-core';
import { compareNames, type TensorTree } from '../tree/index.js';
import { rawToTfjs } from './raw-to-tfjs.js';
import { parseSafetensors } from './safetensors-parse.js';

/** What {@link readSafetensors} returns. */
export interface SafetensorsContents {
  /** Tensors by name (sorted by name); the caller owns and disposes them. */
  readonly tensors: TensorTree;
  /** The file's `__metadata__` string map (empty when absent). */
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * Reads a safetensors file (as bytes; in Node use `readSafetensorsFile` from `@tessera/core/node`) into
 * tfjs tensors. dtypes map to what tfjs computes with: F32/F64/F16/BF16 → float32 (F64 rounds to
 * float32; F16 and BF16 widen exactly), I8/I16/I32/U8/U16 → int32, U32/I64/U64 → int32 when every value
 * fits, BOOL → bool. Nothing is created unless the whole file is valid.
 *
 * @throws {@link IOError} (code `E_IO`) for a truncated or malformed file, an unsupported dtype, a 64-bit
 *   value outside int32 range, or a BOOL byte other than 0 or 1 — the message says what was expected and
 *   what was found.
 * @see https://github.com/huggingface/safetensors#format
 * @example
 * ```ts
 * const { tensors, metadata } = readSafetensors(new Uint8Array(await (await fetch(url)).arrayBuffer()));
 * ```
 */
export function readSafetensors(bytes: Uint8Array): SafetensorsContents {
  const parsed = parseSafetensors(bytes);
  const names = parsed.header.entries.map((e) => e.name).sort(compareNames);
  // Convert (and validate) everything before creating the first tensor, so a bad file leaks nothing.
  const converted = names.map((name) => [name, rawToTfjs(name, parsed.tensors[name]!)] as const);
  const tensors = Object.fromEntries(
    converted.map(([name, { values, dtype }]) => [
      name,
      tf.tensor(values, [...parsed.tensors[name]!.shape], dtype),
    ]),
  );
  return { tensors, metadata: parsed.metadata };
}
