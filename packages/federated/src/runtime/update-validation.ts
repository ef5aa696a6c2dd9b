import { ValidationError } from '@tessera/core';
import type { WireTree } from './wire-tree.js';

/** Bounds an update must respect, besides matching the global parameters' structure. */
export interface UpdateBounds {
  /** Largest accepted L2 norm of `θ_client − θ_global` over the whole tree; default unbounded. */
  readonly maxUpdateNorm?: number;
}

/** What {@link validateUpdate} concludes: accepted, or rejected with the reason to log. */
export type UpdateVerdict =
  | { readonly ok: true; readonly norm: number }
  | { readonly ok: false; readonly reason: string };

/**
 * Checks a client's parameters before anything is aggregated: the same leaf names as the global
 * parameters, the same shapes, float32 values, all finite, and an update `θ_client − θ_global` within the
 * norm bound. Runs on plain typed arrays (no tensors are created for a rejected update) and never throws
 * for bad input: a malicious or broken client gets a verdict, not a crash.
 *
 * @example
 * ```ts
 * const verdict = validateUpdate(message.parameters, globalWire, { maxUpdateNorm: 10 });
 * if (!verdict.ok) log(`rejected: ${verdict.reason}`);
 * ```
 * @throws {@link ValidationError} only for malformed `bounds`.
 */
export function validateUpdate(
  received: unknown,
  global: WireTree,
  bounds: UpdateBounds = {},
): UpdateVerdict {
  const limit = bounds.maxUpdateNorm ?? Number.POSITIVE_INFINITY;
  if (!(limit > 0))
    throw ValidationError.expected('a positive maxUpdateNorm', limit, 'validateUpdate(bounds)');
  if (received === null || typeof received !== 'object' || Array.isArray(received)) {
    return { ok: false, reason: 'parameters are not a tree of named tensors' };
  }
  const tree = received as Record<string, unknown>;
  const missing = Object.keys(global).filter((name) => !Object.hasOwn(tree, name));
  const extra = Object.keys(tree).filter((name) => !Object.hasOwn(global, name));
  if (missing.length || extra.length) {
    const list = (names: string[]) => names.map((n) => JSON.stringify(n)).join(', ');
    const parts = [
      missing.length ? `missing ${list(missing)}` : '',
      extra.length ? `extra ${list(extra)}` : '',
    ];
    return { ok: false, reason: `tree structure differs: ${parts.filter(Boolean).join('; ')}` };
  }
  let squares = 0;
  for (const [name, expected] of Object.entries(global)) {
    const leaf = tree[name] as { shape?: unknown; data?: unknown } | null;
    const shape = leaf?.shape;
    if (
      !Array.isArray(shape) ||
      shape.length !== expected.shape.length ||
      shape.some((d, i) => d !== expected.shape[i])
    ) {
      return {
        ok: false,
        reason: `leaf "${name}" has shape ${JSON.stringify(shape)}, expected [${expected.shape.join(', ')}]`,
      };
    }
    const data = leaf?.data;
    if (!(data instanceof Float32Array)) {
      return { ok: false, reason: `leaf "${name}" is not float32 (received ${describeArray(data)})` };
    }
    if (data.length !== expected.data.length) {
      return {
        ok: false,
        reason: `leaf "${name}" holds ${data.length} values, expected ${expected.data.length}`,
      };
    }
    for (let i = 0; i < data.length; i++) {
      const v = data[i]!;
      if (!Number.isFinite(v))
        return { ok: false, reason: `leaf "${name}" holds a non-finite value (${v}) at index ${i}` };
      const d = v - expected.data[i]!;
      squares += d * d;
    }
  }
  const norm = Math.sqrt(squares);
  if (!(norm <= limit))
    return { ok: false, reason: `update norm ${norm.toPrecision(6)} exceeds the bound ${limit}` };
  return { ok: true, norm };
}

function describeArray(value: unknown): string {
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  return value === null ? 'null' : typeof value;
}
