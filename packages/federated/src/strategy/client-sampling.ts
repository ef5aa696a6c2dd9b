import { TesseraError, ValidationError } from '@tessera/core';
import { ChaChaStream, deriveKey } from '../secagg/prg.js';
import type { ClientInfo } from './types.js';

/** How many clients a round asks for. */
export interface SamplingOptions {
  /** Fraction of the available clients to sample, in [0, 1]. */
  readonly fraction: number;
  /** Sample at least this many (when available). */
  readonly minClients: number;
  /** Do not run the round with fewer clients available than this. */
  readonly minAvailable: number;
}

/**
 * Fewer clients are connected than a round needs. Code `E_INSUFFICIENT_CLIENTS`; the runtime waits for
 * more clients and retries.
 *
 * @example
 * ```ts
 * try { strategy.configureFit(context); } catch (e) { if (e instanceof InsufficientClientsError) await waitForClients(e.required); }
 * ```
 */
export class InsufficientClientsError extends TesseraError {
  readonly required: number;
  readonly available: number;
  constructor(required: number, available: number, where?: string) {
    super(
      'E_INSUFFICIENT_CLIENTS',
      `Expected at least ${required} available clients, received ${available}`,
      {
        where,
      },
    );
    this.required = required;
    this.available = available;
  }
}

/**
 * The number of clients to sample: `max(⌊fraction · available⌋, minClients)`, capped at `available`
 * (Flower's rule).
 *
 * @example
 * ```ts
 * sampleSize(100, { fraction: 0.1, minClients: 2, minAvailable: 2 }); // 10
 * ```
 * @throws {@link InsufficientClientsError} when fewer than `minAvailable` clients are available.
 * @throws {@link ValidationError} for malformed options.
 */
export function sampleSize(available: number, options: SamplingOptions, where = 'sampleSize'): number {
  const { fraction, minClients, minAvailable } = options;
  if (!(fraction >= 0 && fraction <= 1))
    throw ValidationError.expected('a fraction in [0, 1]', fraction, where);
  for (const [name, v] of [
    ['minClients', minClients],
    ['minAvailable', minAvailable],
  ] as const) {
    if (!(Number.isSafeInteger(v) && v >= 0))
      throw ValidationError.expected(`a non-negative integer ${name}`, v, where);
  }
  if (available < Math.max(minAvailable, 1))
    throw new InsufficientClientsError(Math.max(minAvailable, 1), available, where);
  return Math.min(available, Math.max(Math.floor(fraction * available), minClients));
}

/**
 * Samples `count` distinct clients uniformly without replacement, reproducibly: the draw depends only on
 * `(seed, round)` and the client ids (the clients are ordered by id first, so their arrival order does not
 * matter). A restarted server therefore samples the same clients for the same round.
 *
 * @example
 * ```ts
 * const chosen = sampleClients(clients, 10, { seed: 7, round: 3 });
 * ```
 * @throws {@link ValidationError} when `count` exceeds the clients, or ids repeat.
 */
export function sampleClients(
  clients: readonly ClientInfo[],
  count: number,
  options: { readonly seed: number; readonly round: number },
): ClientInfo[] {
  const where = 'sampleClients(clients, count, options)';
  if (!(Number.isSafeInteger(count) && count >= 0 && count <= clients.length)) {
    throw ValidationError.expected(`a count in [0, ${clients.length}]`, count, where);
  }
  const sorted = [...clients].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  sorted.forEach((c, i) => {
    if (i > 0 && c.id === sorted[i - 1]!.id) throw ValidationError.expected('unique client ids', c.id, where);
  });
  const stream = new ChaChaStream(
    deriveKey('tessera/federated/client-sampling', options.seed, options.round),
  );
  // A partial Fisher–Yates shuffle: the first `count` positions are a uniform sample.
  for (let i = 0; i < count; i++) {
    const j = i + stream.uniformInt(sorted.length - i);
    [sorted[i], sorted[j]] = [sorted[j]!, sorted[i]!];
  }
  return sorted.slice(0, count);
}
