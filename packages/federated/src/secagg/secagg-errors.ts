import { TesseraError } from '@tessera/core';

/**
 * The secure-aggregation protocol cannot continue safely: too few participants left, a message that does
 * not fit the protocol, a request that would reveal a client's input, or a sum that could overflow the
 * ring. Code `E_SECAGG`.
 *
 * @example
 * ```ts
 * try { await unmaskingResponse(state, survivors); } catch (e) { if (e instanceof SecureAggregationError) abortRound(); }
 * ```
 */
export class SecureAggregationError extends TesseraError {
  constructor(message: string, options?: { where?: string; cause?: unknown }) {
    super('E_SECAGG', message, options);
  }
}
