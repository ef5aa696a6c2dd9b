import { ValidationError } from '@tessera/core';
import { checkNumericMatrix, type NumericMatrix } from './matrix.js';
import { Preprocessor } from './preprocessor.js';
import { columnValues, linspace, maxOf, minOf, percentileOfSorted } from './statistics.js';

export interface KBinsDiscretizerConfig {
  /** Bins per feature (one number for all, or one per feature); at least 2. */
  nBins: number | number[];
  /** `'uniform'`: equal widths; `'quantile'`: equal counts (NumPy linear percentiles). */
  strategy: 'uniform' | 'quantile';
  /** `'ordinal'`: the bin index; `'onehot'`: dense one-hot columns per feature. */
  encode: 'ordinal' | 'onehot';
}
export interface KBinsState {
  /** Bin edges per feature; `null` for a constant feature (a single bin). */
  binEdges: (number[] | null)[];
  nBins: number[];
}

/**
 * Bins continuous features into intervals. Quantile edges closer than 1e-8 are merged, and constant
 * features get one bin, as scikit-learn does.
 * @example
 * ```ts
 * new KBinsDiscretizer({ nBins: 2, encode: 'ordinal' }).fitTransform([[0], [1], [2], [3]]); // [[0], [0], [1], [1]]
 * ```
 * @throws {ValidationError} for fewer than 2 bins, an unknown strategy or encoding, NaN input.
 * @see https://scikit-learn.org/stable/modules/generated/sklearn.preprocessing.KBinsDiscretizer.html
 */
export class KBinsDiscretizer extends Preprocessor<KBinsDiscretizerConfig, KBinsState, NumericMatrix> {
  readonly type = 'KBinsDiscretizer';
  constructor(options: Partial<KBinsDiscretizerConfig> = {}) {
    const config: KBinsDiscretizerConfig = {
      nBins: options.nBins ?? 5,
      strategy: options.strategy ?? 'quantile',
      encode: options.encode ?? 'onehot',
    };
    if (!['uniform', 'quantile'].includes(config.strategy))
      throw ValidationError.expected("strategy 'uniform' or 'quantile'", config.strategy, 'KBinsDiscretizer');
    if (!['ordinal', 'onehot'].includes(config.encode))
      throw ValidationError.expected("encode 'ordinal' or 'onehot'", config.encode, 'KBinsDiscretizer');
    for (const n of [config.nBins].flat()) {
      if (!Number.isInteger(n) || n < 2)
        throw ValidationError.expected('nBins as integers >= 2', config.nBins, 'KBinsDiscretizer');
    }
    super(config);
  }

  fit(X: NumericMatrix): this {
    const rows = checkFinite(X, 'KBinsDiscretizer.fit(X)');
    const width = (rows[0] as readonly number[]).length;
    const requested =
      typeof this.config.nBins === 'number' ? Array(width).fill(this.config.nBins) : this.config.nBins;
    if (requested.length !== width)
      throw ValidationError.expected(
        `nBins with ${width} entries`,
        this.config.nBins,
        'KBinsDiscretizer.fit(X)',
      );
    const nBins: number[] = [];
    const binEdges = requested.map((n: number, j) => {
      const column = columnValues(rows, j);
      const lo = minOf(column);
      const hi = maxOf(column);
      if (lo === hi) {
        nBins.push(1);
        return null;
      }
      let edges: number[];
      if (this.config.strategy === 'uniform') edges = linspace(lo, hi, n + 1);
      else {
        const sorted = Float64Array.from(column).sort();
        edges = linspace(0, 100, n + 1).map((q) => percentileOfSorted(sorted, q));
        edges = edges.filter((e, k) => k === 0 || e - (edges[k - 1] as number) > 1e-8);
      }
      nBins.push(edges.length - 1);
      return edges;
    });
    this.state = { binEdges, nBins };
    return this;
  }

  transform(X: NumericMatrix): number[][] {
    const { binEdges, nBins } = this.fittedState('transform');
    const rows = checkFinite(X, 'KBinsDiscretizer.transform(X)', binEdges.length);
    const ordinal = rows.map((row) => row.map((v, j) => binIndex(binEdges[j] ?? null, v)));
    if (this.config.encode === 'ordinal') return ordinal;
    return ordinal.map((row) =>
      row.flatMap((bin, j) => Array.from({ length: nBins[j] as number }, (_, k) => (k === bin ? 1 : 0))),
    );
  }

  /** Bin indices (or one-hot blocks) back to each bin's centre; a constant feature maps to NaN. */
  inverseTransform(X: NumericMatrix): number[][] {
    const { binEdges, nBins } = this.fittedState('inverseTransform');
    const width = this.config.encode === 'ordinal' ? binEdges.length : nBins.reduce((a, b) => a + b, 0);
    const rows = checkNumericMatrix(X, 'KBinsDiscretizer.inverseTransform(X)', width);
    return rows.map((row) => {
      let offset = 0;
      return binEdges.map((edges, j) => {
        let bin: number;
        if (this.config.encode === 'ordinal') bin = row[j] as number;
        else {
          const block = row.slice(offset, offset + (nBins[j] as number));
          offset += nBins[j] as number;
          bin = block.indexOf(Math.max(...block));
        }
        if (!edges) return Number.NaN;
        const b = Math.min(Math.max(Math.trunc(bin), 0), edges.length - 2);
        return ((edges[b + 1] as number) + (edges[b] as number)) * 0.5;
      });
    });
  }
}

/** `np.searchsorted(edges[1:-1], v, side='right')`: how many inner edges are ≤ v. */
function binIndex(edges: readonly number[] | null, v: number): number {
  if (!edges) return 0;
  let count = 0;
  for (let k = 1; k < edges.length - 1; k++) if ((edges[k] as number) <= v) count++;
  return count;
}

function checkFinite(X: NumericMatrix, where: string, width?: number): NumericMatrix {
  const rows = checkNumericMatrix(X, where, width);
  rows.forEach((row, i) => {
    row.forEach((v, j) => {
      if (!Number.isFinite(v))
        throw ValidationError.expected(
          'a finite number (impute missing values first)',
          v,
          `${where}[${i}][${j}]`,
        );
    });
  });
  return rows;
}
