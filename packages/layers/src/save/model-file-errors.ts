import { TesseraError } from '@tessera/core';

/**
 * A weight file does not fit the model: a weight is missing, extra, or has another shape. Code
 * `E_WEIGHTS_MISMATCH`; `file` and `weight` name the file and the offending weight.
 * @example
 * ```ts
 * try { await loadModel(store); } catch (e) { if (e instanceof WeightsMismatchError) console.error(e.file, e.weight); }
 * ```
 */
export class WeightsMismatchError extends TesseraError {
  constructor(
    message: string,
    readonly file: string,
    readonly weight: string,
  ) {
    super('E_WEIGHTS_MISMATCH', `${message} (weight "${weight}" in ${file})`, { where: file });
  }
}
