import { describeValue, IOError } from '../errors/index.js';
import { isSafetensorsDType, SAFETENSORS_DTYPES, type SafetensorsDType } from './safetensors-dtypes.js';

/** One tensor's entry in a safetensors header. Offsets are relative to the start of the data section. */
export interface SafetensorsEntry {
  readonly name: string;
  readonly dtype: SafetensorsDType;
  readonly shape: readonly number[];
  readonly dataOffsets: readonly [begin: number, end: number];
}

/** A validated safetensors header. */
export interface SafetensorsHeader {
  /** Byte length of the JSON header (the little-endian u64 at the start of the file). */
  readonly headerByteLength: number;
  /** Absolute offset of the data section: `8 + headerByteLength`. */
  readonly dataStart: number;
  /** The free-form `__metadata__` string map (empty when absent). */
  readonly metadata: Readonly<Record<string, string>>;
  /** The tensors, ordered by data offset. */
  readonly entries: readonly SafetensorsEntry[];
}

/**
 * Largest accepted header, in bytes: the reference implementation's limit; a larger header is treated
 * as corrupt rather than allocated.
 */
export const MAX_SAFETENSORS_HEADER_BYTES = 100_000_000;

const fail = (message: string, where = 'safetensors header') => new IOError(message, { where });

/** JSON text of a value from the header, cut short so a corrupt header cannot flood the message. */
function brief(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * Parses and validates the header of a safetensors file — all that streaming readers need before
 * fetching tensor data. `bytes` may be just a prefix of the file (at least `8 + headerByteLength`
 * bytes) when `fileByteLength` gives the full size.
 *
 * Checks: header length within the file and at most 100 MB; UTF-8 JSON object; `__metadata__` maps strings
 * to strings; every dtype known; shapes and offsets non-negative integers; data size of each tensor equal
 * to `product(shape) × element size`; tensors tile the data section exactly (no gap, no overlap, no
 * trailing or missing bytes).
 *
 * @throws {@link IOError} (code `E_IO`) naming what was expected and what was found.
 * @see https://github.com/huggingface/safetensors#format
 * @example
 * ```ts
 * const { entries, metadata } = parseSafetensorsHeader(bytes);
 * ```
 */
export function parseSafetensorsHeader(bytes: Uint8Array, fileByteLength = bytes.length): SafetensorsHeader {
  if (!(bytes instanceof Uint8Array)) throw fail(`Expected a Uint8Array, received ${describeValue(bytes)}`);
  if (fileByteLength < 8 || bytes.length < 8) {
    throw fail(`Truncated file: expected at least 8 bytes for the header length, received ${fileByteLength}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, 8);
  const high = view.getUint32(4, true);
  const n = high * 2 ** 32 + view.getUint32(0, true);
  if (high !== 0 || n > MAX_SAFETENSORS_HEADER_BYTES) {
    throw fail(`Expected a header length of at most ${MAX_SAFETENSORS_HEADER_BYTES} bytes, received ${n}`);
  }
  if (8 + n > fileByteLength) {
    throw fail(
      `Header length ${n} goes beyond the end of the file (${fileByteLength} bytes, header from byte 8)`,
    );
  }
  if (8 + n > bytes.length) {
    throw fail(`Expected at least ${8 + n} bytes to read the header, received ${bytes.length}`);
  }
  const header = decodeJson(bytes.subarray(8, 8 + n));
  let metadata: Record<string, string> = {};
  const entries: SafetensorsEntry[] = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') metadata = parseMetadata(value);
    else entries.push(parseEntry(name, value));
  }
  entries.sort((a, b) => a.dataOffsets[0] - b.dataOffsets[0] || a.dataOffsets[1] - b.dataOffsets[1]);
  const dataStart = 8 + n;
  checkTiling(entries, fileByteLength - dataStart);
  return { headerByteLength: n, dataStart, metadata, entries };
}

function decodeJson(headerBytes: Uint8Array): Record<string, unknown> {
  let text: string;
  try {
    // ignoreBOM keeps a byte-order mark in the text, so JSON.parse rejects it as the reference reader does.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(headerBytes);
  } catch {
    throw fail('Expected the header to be UTF-8 text, received invalid UTF-8 bytes');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw fail(`Expected the header to be valid JSON, received a parse error: ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw fail(
      `Expected the header to be a JSON object, received ${Array.isArray(parsed) ? 'an array' : String(parsed)}`,
    );
  }
  return parsed as Record<string, unknown>;
}

function parseMetadata(value: unknown): Record<string, string> {
  const ok =
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string');
  if (!ok) throw fail(`Expected "__metadata__" to map strings to strings, received ${brief(value)}`);
  return { ...(value as Record<string, string>) };
}

const isIndex = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

function parseEntry(name: string, value: unknown): SafetensorsEntry {
  const where = `safetensors header, tensor ${brief(name)}`;
  const entry = (value ?? {}) as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  if (typeof value !== 'object' || Array.isArray(value) || value === null) {
    throw fail(`Expected an object {dtype, shape, data_offsets}, received ${brief(value)}`, where);
  }
  if (!isSafetensorsDType(entry.dtype)) {
    const known = Object.keys(SAFETENSORS_DTYPES).join(', ');
    throw fail(`Expected a dtype among ${known}, received ${brief(entry.dtype)}`, where);
  }
  if (!Array.isArray(entry.shape) || !entry.shape.every(isIndex)) {
    throw fail(`Expected a shape of non-negative integers, received ${brief(entry.shape)}`, where);
  }
  const offsets = entry.data_offsets;
  const [begin, end] = (Array.isArray(offsets) && offsets.length === 2 ? offsets : []) as unknown[];
  if (!isIndex(begin) || !isIndex(end) || begin > end) {
    throw fail(
      `Expected data_offsets [begin, end] with 0 <= begin <= end, received ${brief(offsets)}`,
      where,
    );
  }
  const bytes =
    entry.shape.reduce((p: number, d: number) => p * d, 1) * SAFETENSORS_DTYPES[entry.dtype].byteSize;
  if (bytes !== end - begin) {
    throw fail(
      `Expected ${bytes} data bytes for ${entry.dtype} of shape [${entry.shape.join(', ')}], ` +
        `received data_offsets [${begin}, ${end}] (${end - begin} bytes)`,
      where,
    );
  }
  return { name, dtype: entry.dtype, shape: [...entry.shape], dataOffsets: [begin, end] };
}

function checkTiling(entries: readonly SafetensorsEntry[], dataBytes: number): void {
  let end = 0;
  for (const { name, dataOffsets } of entries) {
    if (dataOffsets[0] !== end) {
      const what =
        dataOffsets[0] < end ? 'overlaps the previous tensor' : 'leaves a gap after the previous tensor';
      throw fail(
        `Expected data to start at byte ${end}, received data_offsets [${dataOffsets.join(', ')}], which ${what}`,
        `safetensors header, tensor ${brief(name)}`,
      );
    }
    end = dataOffsets[1];
  }
  if (end !== dataBytes) {
    const what = end > dataBytes ? 'the file is truncated or offsets are out of range' : 'trailing bytes';
    throw fail(
      `Expected a data section of ${end} bytes as the header describes, received ${dataBytes} (${what})`,
    );
  }
}
