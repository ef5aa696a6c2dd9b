import { ValidationError } from '@tessera/core';
import { type Category, normaliseCell } from './categories.js';
import type { Cell } from './matrix.js';
import { Preprocessor } from './preprocessor.js';
import { compareCells } from './simple-imputer.js';

/**
 * Encodes a 1-D label array as integers 0..k−1 in sorted order of the classes.
 * @example
 * ```ts
 * const enc = new LabelEncoder().fit(['cat', 'dog', 'cat']);
 * enc.transform(['dog']);        // [1]
 * enc.inverseTransform([0]);     // ['cat']
 * ```
 * @throws {ValidationError} on missing labels, or labels unseen in `fit`.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.preprocessing.LabelEncoder.html
 */
export class LabelEncoder extends Preprocessor<
  Record<string, never>,
  { classes: (number | string)[] },
  readonly Cell[],
  number[],
  Category[]
> {
  readonly type = 'LabelEncoder';
  constructor(_options: Record<string, never> = {}) {
    super({});
  }

  /** The learned classes, sorted. */
  get classes(): (number | string)[] {
    return this.fittedState('classes').classes.slice();
  }

  fit(y: readonly Cell[]): this {
    const labels = checkLabels(y, 'LabelEncoder.fit(y)');
    this.state = { classes: [...new Set(labels)].sort(compareCells) };
    return this;
  }

  transform(y: readonly Cell[]): number[] {
    const { classes } = this.fittedState('transform');
    const lookup = new Map(classes.map((c, i) => [c, i]));
    return checkLabels(y, 'LabelEncoder.transform(y)').map((label, i) => {
      const index = lookup.get(label);
      if (index === undefined)
        throw ValidationError.expected('a label seen in fit', label, `LabelEncoder.transform(y)[${i}]`);
      return index;
    });
  }

  inverseTransform(codes: number[]): Category[] {
    const { classes } = this.fittedState('inverseTransform');
    return codes.map((c, i) => {
      const label = Number.isInteger(c) ? classes[c] : undefined;
      if (label === undefined)
        throw ValidationError.expected(
          `an integer code in [0, ${classes.length})`,
          c,
          `LabelEncoder.inverseTransform[${i}]`,
        );
      return label;
    });
  }
}

function checkLabels(y: unknown, where: string): (number | string)[] {
  if (!Array.isArray(y)) throw ValidationError.expected('an array of labels', y, where);
  return y.map((v, i) => {
    const label = normaliseCell(v as Cell);
    if (label === null || (typeof label !== 'number' && typeof label !== 'string')) {
      throw ValidationError.expected('a number or string label', v, `${where}[${i}]`);
    }
    return label;
  });
}
