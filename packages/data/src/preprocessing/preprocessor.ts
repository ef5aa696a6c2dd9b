import { TesseraError } from '@tessera/core';
import type { Cell, CellMatrix, NumericMatrix } from './matrix.js';

/** The saved form of a fitted (or unfitted) preprocessor; plain JSON. */
export interface PreprocessorJSON {
  /** Class name, e.g. `'StandardScaler'`; resolves through {@link preprocessorFromJSON}. */
  type: string;
  config: unknown;
  /** Learned values (means, categories, …); `null` before `fit`. */
  state: unknown;
}

/**
 * `transform` was called before `fit`. Code `E_NOT_FITTED`.
 * @example
 * ```ts
 * new StandardScaler().transform([[1]]); // throws NotFittedError
 * ```
 */
export class NotFittedError extends TesseraError {
  constructor(where: string) {
    super('E_NOT_FITTED', 'This preprocessor is not fitted yet; call fit() first', { where });
  }
}

/**
 * The operation has no meaning for this preprocessor (e.g. inverting a Normalizer). Code `E_UNSUPPORTED`.
 * @example
 * ```ts
 * new Normalizer().fit([[3, 4]]).inverseTransform([[0.6, 0.8]]); // throws UnsupportedOperationError
 * ```
 */
export class UnsupportedOperationError extends TesseraError {
  constructor(message: string, where: string) {
    super('E_UNSUPPORTED', message, { where });
  }
}

/**
 * Base of every preprocessing step, with scikit-learn semantics: `fit` learns from data, `transform`
 * applies, `inverseTransform` maps back where that is defined. Configuration and learned state are plain
 * values, so `toJSON()` saves a fitted step and {@link preprocessorFromJSON} restores it (to ship with a
 * model, or to federated clients).
 *
 * @example
 * ```ts
 * const scaler = new StandardScaler().fit([[1], [3]]);
 * const saved = JSON.stringify(scaler);                      // { type, config, state }
 * const again = preprocessorFromJSON(JSON.parse(saved));     // transforms like `scaler`
 * ```
 */
export abstract class Preprocessor<Config, State, In = CellMatrix, Out = number[][], Inverse = Cell[][]> {
  /** The class name used in saved JSON. */
  abstract readonly type: string;
  readonly config: Config;
  protected state: State | null = null;

  constructor(config: Config) {
    this.config = config;
  }

  /** Whether `fit` has run (or state was restored). */
  get fitted(): boolean {
    return this.state !== null;
  }

  /** Learns from `X` (and `y` where relevant); returns `this`. */
  abstract fit(X: In, y?: readonly Cell[]): this;
  /** Applies the learned mapping. */
  abstract transform(X: In): Out;
  /** Maps transformed data back to the input space, where that is defined. */
  abstract inverseTransform(X: Out extends number[][] ? NumericMatrix : Out): Inverse;

  /** `fit(X, y)` then `transform(X)`. */
  fitTransform(X: In, y?: readonly Cell[]): Out {
    return this.fit(X, y).transform(X);
  }

  /** Plain-JSON form: `{ type, config, state }`. */
  toJSON(): PreprocessorJSON {
    return { type: this.type, config: this.config, state: this.state };
  }

  /** Replaces the learned state (used by {@link preprocessorFromJSON}); returns `this`. @internal */
  restoreState(state: unknown): this {
    this.state = (state ?? null) as State | null;
    return this;
  }

  /** @throws {NotFittedError} before `fit`. */
  protected fittedState(where: string): State {
    if (this.state === null) throw new NotFittedError(`${this.type}.${where}`);
    return this.state;
  }
}
