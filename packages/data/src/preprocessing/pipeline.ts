import { ValidationError } from '@tessera/core';
import type { PreprocessorJSON } from './preprocessor.js';
import type { Transformer } from './transformer.js';

/**
 * Chains preprocessing steps: `fit` fits each step on the previous step's output; `transform` runs them in
 * order and `inverseTransform` in reverse. Saved and restored as one JSON value with its fitted steps.
 * @example
 * ```ts
 * const prep = new Pipeline([
 *   ['impute', new SimpleImputer({ strategy: 'median' })],
 *   ['scale', new StandardScaler()],
 * ]).fit(trainRows);
 * const saved = JSON.stringify(prep); // ship with the model; preprocessorFromJSON(JSON.parse(saved))
 * ```
 * @throws {ValidationError} for an empty list or duplicate step names.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.pipeline.Pipeline.html
 */
export class Pipeline implements Transformer {
  readonly type = 'Pipeline';
  readonly steps: readonly (readonly [string, Transformer])[];
  #fitted = false;

  constructor(steps: readonly (readonly [string, Transformer])[]) {
    if (!Array.isArray(steps) || steps.length === 0)
      throw ValidationError.expected('a non-empty list of [name, step]', steps, 'Pipeline');
    const names = steps.map(([name]) => name);
    if (new Set(names).size !== names.length)
      throw ValidationError.expected('unique step names', names.join(', '), 'Pipeline');
    this.steps = steps.map(([n, s]) => [n, s] as const);
  }

  get fitted(): boolean {
    return this.#fitted || this.steps.every(([, s]) => s.fitted);
  }

  /** The step called `name`. @throws {ValidationError} when there is none. */
  step(name: string): Transformer {
    const found = this.steps.find(([n]) => n === name);
    if (!found)
      throw ValidationError.expected(
        `one of ${this.steps.map(([n]) => n).join(', ')}`,
        name,
        'Pipeline.step',
      );
    return found[1];
  }

  fit(X: unknown, y?: unknown): this {
    this.fitTransform(X, y);
    return this;
  }

  fitTransform(X: unknown, y?: unknown): any {
    let out = X;
    for (const [, step] of this.steps) out = step.fitTransform(out, y);
    this.#fitted = true;
    return out;
  }

  transform(X: unknown): any {
    let out = X;
    for (const [, step] of this.steps) out = step.transform(out);
    return out;
  }

  inverseTransform(X: unknown): any {
    let out = X;
    for (const [, step] of [...this.steps].reverse()) out = step.inverseTransform(out);
    return out;
  }

  toJSON(): PreprocessorJSON {
    return { type: this.type, config: { steps: this.steps.map(([n, s]) => [n, s.toJSON()]) }, state: null };
  }
}
