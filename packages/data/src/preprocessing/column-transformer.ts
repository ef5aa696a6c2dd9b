import { ValidationError } from '@tessera/core';
import { type Cell, checkCellMatrix } from './matrix.js';
import { NotFittedError, type PreprocessorJSON } from './preprocessor.js';
import type { Transformer } from './transformer.js';

/** One entry: a name, a step (or `'drop'` / `'passthrough'`), and the column indices it reads. */
export type ColumnSpec = readonly [
  name: string,
  step: Transformer | 'drop' | 'passthrough',
  columns: readonly number[],
];

interface ColumnTransformerState {
  width: number;
  remainder: number[];
  outputWidths: number[];
}

/**
 * Applies different steps to different columns and concatenates their outputs side by side (in the
 * listed order, then the remaining columns when `remainder` is `'passthrough'`).
 * @example
 * ```ts
 * const prep = new ColumnTransformer([
 *   ['numbers', new StandardScaler(), [0, 1]],
 *   ['colour', new OneHotEncoder({ handleUnknown: 'ignore' }), [2]],
 * ]).fit(rows);
 * ```
 * @throws {ValidationError} for duplicate names, column indices out of range, or ragged input.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.compose.ColumnTransformer.html
 */
export class ColumnTransformer implements Transformer {
  readonly type = 'ColumnTransformer';
  readonly transformers: readonly ColumnSpec[];
  readonly remainder: 'drop' | 'passthrough';
  #state: ColumnTransformerState | null = null;

  constructor(transformers: readonly ColumnSpec[], options: { remainder?: 'drop' | 'passthrough' } = {}) {
    if (!Array.isArray(transformers) || transformers.length === 0) {
      throw ValidationError.expected(
        'a non-empty list of [name, step, columns]',
        transformers,
        'ColumnTransformer',
      );
    }
    const names = transformers.map(([n]) => n);
    if (new Set(names).size !== names.length)
      throw ValidationError.expected('unique names', names.join(', '), 'ColumnTransformer');
    this.transformers = transformers.map(([n, s, c]) => [n, s, c.slice()] as const);
    this.remainder = options.remainder ?? 'drop';
  }

  get fitted(): boolean {
    return this.#state !== null;
  }

  /** @internal Restores the learned layout (used by `preprocessorFromJSON`). */
  restoreState(state: ColumnTransformerState | null): this {
    this.#state = state;
    return this;
  }

  fit(X: readonly (readonly Cell[])[], y?: readonly Cell[]): this {
    this.fitTransform(X, y);
    return this;
  }

  fitTransform(X: readonly (readonly Cell[])[], y?: readonly Cell[]): Cell[][] {
    const rows = checkCellMatrix(X, 'ColumnTransformer.fit(X)');
    const width = (rows[0] as readonly Cell[]).length;
    const used = new Set<number>();
    for (const [name, , columns] of this.transformers) {
      for (const c of columns) {
        if (!Number.isInteger(c) || c < 0 || c >= width)
          throw ValidationError.expected(`a column index in [0, ${width})`, c, `ColumnTransformer '${name}'`);
        used.add(c);
      }
    }
    const remainder = Array.from({ length: width }, (_, j) => j).filter((j) => !used.has(j));
    const blocks = this.transformers.map(([, step, columns]) => {
      const part = select(rows, columns);
      return step === 'drop'
        ? rows.map(() => [])
        : step === 'passthrough'
          ? part
          : (step.fitTransform(part, y) as Cell[][]);
    });
    this.#state = {
      width,
      remainder,
      outputWidths: blocks.map((b) => (b[0] as Cell[] | undefined)?.length ?? 0),
    };
    return this.#concat(rows, blocks, remainder);
  }

  transform(X: readonly (readonly Cell[])[]): Cell[][] {
    const state = this.#require('transform');
    const rows = checkCellMatrix(X, 'ColumnTransformer.transform(X)', state.width);
    const blocks = this.transformers.map(([, step, columns]) => {
      const part = select(rows, columns);
      return step === 'drop'
        ? rows.map(() => [])
        : step === 'passthrough'
          ? part
          : (step.transform(part) as Cell[][]);
    });
    return this.#concat(rows, blocks, state.remainder);
  }

  /** Splits the output back into blocks, inverts each step, and puts values back in their columns (dropped ones are `null`). */
  inverseTransform(X: readonly (readonly Cell[])[]): Cell[][] {
    const state = this.#require('inverseTransform');
    const passRemainder = this.remainder === 'passthrough' ? state.remainder.length : 0;
    const total = state.outputWidths.reduce((a, b) => a + b, 0) + passRemainder;
    const rows = checkCellMatrix(X, 'ColumnTransformer.inverseTransform(X)', total);
    const out: Cell[][] = rows.map(() => Array<Cell>(state.width).fill(null));
    let offset = 0;
    this.transformers.forEach(([, step, columns], k) => {
      const w = state.outputWidths[k] as number;
      const part = rows.map((r) => r.slice(offset, offset + w));
      offset += w;
      if (step === 'drop') return;
      const back = step === 'passthrough' ? part : (step.inverseTransform(part) as Cell[][]);
      back.forEach((r, i) => {
        columns.forEach((c, m) => {
          (out[i] as Cell[])[c] = r[m] as Cell;
        });
      });
    });
    if (passRemainder) {
      rows.forEach((r, i) => {
        state.remainder.forEach((c, m) => {
          (out[i] as Cell[])[c] = r[offset + m] as Cell;
        });
      });
    }
    return out;
  }

  toJSON(): PreprocessorJSON {
    return {
      type: this.type,
      config: {
        remainder: this.remainder,
        transformers: this.transformers.map(([n, s, c]) => [n, typeof s === 'string' ? s : s.toJSON(), c]),
      },
      state: this.#state,
    };
  }

  #concat(rows: readonly (readonly Cell[])[], blocks: Cell[][][], remainder: number[]): Cell[][] {
    return rows.map((row, i) => {
      const out = blocks.flatMap((b) => b[i] as Cell[]);
      if (this.remainder === 'passthrough') for (const j of remainder) out.push(row[j] as Cell);
      return out;
    });
  }

  #require(where: string): ColumnTransformerState {
    if (!this.#state) throw new NotFittedError(`ColumnTransformer.${where}`);
    return this.#state;
  }
}

function select(rows: readonly (readonly Cell[])[], columns: readonly number[]): Cell[][] {
  return rows.map((r) => columns.map((c) => r[c] as Cell));
}
