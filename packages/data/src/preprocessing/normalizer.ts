import { ValidationError } from '@tessera/core';
import { checkNumericMatrix, type NumericMatrix } from './matrix.js';
import { Preprocessor, UnsupportedOperationError } from './preprocessor.js';
import { handleZerosInScale } from './statistics.js';

/** Which norm {@link Normalizer} divides each row by. */
export type NormKind = 'l1' | 'l2' | 'max';

/**
 * Scales each *row* to unit norm (L1, L2 or max). Stateless: `fit` only checks the input.
 * @example
 * ```ts
 * new Normalizer({ norm: 'l2' }).fitTransform([[3, 4]]); // [[0.6, 0.8]]
 * ```
 * @throws {ValidationError} for an unknown norm or invalid input.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.preprocessing.Normalizer.html
 */
export class Normalizer extends Preprocessor<{ norm: NormKind }, { width: number }, NumericMatrix> {
  readonly type = 'Normalizer';
  constructor(options: { norm?: NormKind } = {}) {
    const norm = options.norm ?? 'l2';
    if (!['l1', 'l2', 'max'].includes(norm))
      throw ValidationError.expected("norm 'l1', 'l2' or 'max'", norm, 'Normalizer');
    super({ norm });
  }
  fit(X: NumericMatrix): this {
    this.state = { width: (checkNumericMatrix(X, 'Normalizer.fit(X)')[0] as readonly number[]).length };
    return this;
  }
  transform(X: NumericMatrix): number[][] {
    const { width } = this.fittedState('transform');
    return checkNumericMatrix(X, 'Normalizer.transform(X)', width).map((row) => {
      let norm = 0;
      if (this.config.norm === 'l1') for (const v of row) norm += Math.abs(v);
      else if (this.config.norm === 'l2') {
        for (const v of row) norm += v * v;
        norm = Math.sqrt(norm);
      } else for (const v of row) norm = Math.max(norm, Math.abs(v));
      const divisor = handleZerosInScale(norm);
      return row.map((v) => v / divisor);
    });
  }
  /** @throws {UnsupportedOperationError} always: the row norms are not kept. */
  inverseTransform(_X: NumericMatrix): number[][] {
    throw new UnsupportedOperationError(
      'Normalizer cannot be inverted: row norms are not stored',
      'Normalizer.inverseTransform',
    );
  }
}
