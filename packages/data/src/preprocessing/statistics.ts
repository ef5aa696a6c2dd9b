/**
 * Column statistics with NumPy's exact arithmetic where results are compared to scikit-learn (linear
 * percentile interpolation, `linspace`, the constant-feature test). NaN marks a missing value and is
 * ignored, as scikit-learn's scalers do. @internal
 */

const EPS = 2.220446049250313e-16;

/** Non-NaN values of column `j`. */
export function columnValues(rows: readonly (readonly number[])[], j: number): number[] {
  const out: number[] = [];
  for (const row of rows) {
    const v = row[j] as number;
    if (!Number.isNaN(v)) out.push(v);
  }
  return out;
}

/** Smallest value (NaN when empty); a loop, since spreading 100k+ values overflows the stack. */
export function minOf(values: readonly number[]): number {
  let m = values.length ? Infinity : Number.NaN;
  for (const v of values) if (v < m) m = v;
  return m;
}

/** Largest value (NaN when empty). */
export function maxOf(values: readonly number[]): number {
  let m = values.length ? -Infinity : Number.NaN;
  for (const v of values) if (v > m) m = v;
  return m;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Population variance (ddof = 0) by two passes, as `np.var`. */
export function variance(values: readonly number[], mu = mean(values)): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += (v - mu) * (v - mu);
  return sum / values.length;
}

/**
 * `np.percentile(values, q)` with the default 'linear' method (Hyndman–Fan type 7), including NumPy's
 * two-sided lerp that keeps results monotone.
 */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return percentileOfSorted(sorted, q);
}

export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const quantile = q / 100;
  const virtual = Math.min(Math.max((n - 1) * quantile, 0), n - 1);
  const lower = Math.floor(virtual);
  const upper = Math.min(lower + 1, n - 1);
  const t = virtual - lower;
  const a = sorted[lower] as number;
  const b = sorted[upper] as number;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** `np.linspace(start, stop, count)` with the endpoint pinned to `stop`. */
export function linspace(start: number, stop: number, count: number): number[] {
  if (count === 1) return [start];
  const step = (stop - start) / (count - 1);
  const out = Array.from({ length: count }, (_, i) => i * step + start);
  out[count - 1] = stop;
  return out;
}

/** scikit-learn's `_handle_zeros_in_scale`: scales near zero become 1 so constant features pass through. */
export function handleZerosInScale(scale: number, constant = scale < 10 * EPS): number {
  return constant ? 1 : scale;
}

/** scikit-learn's `_is_constant_feature` for StandardScaler. */
export function isConstantFeature(variance: number, mean: number, count: number): boolean {
  const bound = count * EPS * variance + (count * mean * EPS) ** 2;
  return variance <= bound;
}
