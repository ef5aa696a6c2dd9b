/**
 * Base class of every error Tessera throws. `code` is stable across releases so callers can branch on it
 * without parsing messages; the message says what was expected, what was received, and where.
 *
 * @example
 * ```ts
 * import { TesseraError } from '@tessera/core';
 * try { doSomething(); } catch (e) { if (e instanceof TesseraError && e.code === 'E_SHAPE') retry(); }
 * ```
 */
export class TesseraError extends Error {
  /** Stable, machine-readable error code such as `E_UNKNOWN_PLUGIN`. */
  readonly code: string;
  /** Where the problem happened: a layer name, an argument, a file path. */
  readonly where: string | undefined;

  constructor(code: string, message: string, options?: { where?: string; cause?: unknown }) {
    super(options?.where ? `${message} (at ${options.where})` : message, { cause: options?.cause });
    this.name = new.target.name;
    this.code = code;
    this.where = options?.where;
  }
}

/** Describes a received value briefly for error messages (type, shape, or a short literal). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (Array.isArray(value)) return `array(length ${value.length})`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(length ${(value as Uint8Array).length})`;
  const shaped = value as { shape?: unknown; dtype?: unknown };
  if (Array.isArray(shaped.shape) && typeof shaped.dtype === 'string') {
    return `tensor(shape [${shaped.shape.join(', ')}], dtype ${shaped.dtype})`;
  }
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  return `object ${value.constructor?.name ?? 'Object'}`;
}
