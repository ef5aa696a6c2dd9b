import { ConformanceMismatchError, type ConformanceLocation } from './conformance-error.js';
import type { ConformanceTolerance } from './conformance-types.js';

/**
 * A tensor read back to plain memory.
 *
 * @example
 * ```ts
 * import type { ReadTensor } from '@tessera/core/testing';
 * const read: ReadTensor = { shape: [2], dtype: 'float32', values: new Float32Array([0.5, 1]) };
 * ```
 */
export interface ReadTensor {
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly values: ArrayLike<number>;
}

function positionOf(flatIndex: number, shape: readonly number[]): number[] {
  const position = new Array<number>(shape.length).fill(0);
  let rest = flatIndex;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const dim = shape[axis]!;
    position[axis] = rest % dim;
    rest = Math.floor(rest / dim);
  }
  return position;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(8));

/**
 * Compares a tensor from the backend under test with the reference's: same shape, same dtype, and every
 * value within `atol + rtol·|expected|` (integer and bool dtypes exactly; NaN only matches NaN).
 *
 * @example
 * ```ts
 * const where = { caseName: 'relu', variant: '2x3', output: 'output 0', backend: 'wasm', reference: 'cpu' };
 * compareTensors(where, { shape: [1], dtype: 'float32', values: [1] }, { shape: [1], dtype: 'float32', values: [1] },
 *   { rtol: 1e-4, atol: 1e-5 });
 * ```
 * @throws ConformanceMismatchError naming the worst index, both values and the tolerance
 */
export function compareTensors(
  where: ConformanceLocation,
  actual: ReadTensor,
  expected: ReadTensor,
  tolerance: ConformanceTolerance,
): void {
  const shapeText = (s: readonly number[]) => `[${s.join(', ')}]`;
  if (shapeText(actual.shape) !== shapeText(expected.shape)) {
    throw new ConformanceMismatchError(
      where,
      `shape ${shapeText(actual.shape)} differs from ${shapeText(expected.shape)}`,
    );
  }
  if (actual.dtype !== expected.dtype) {
    throw new ConformanceMismatchError(where, `dtype ${actual.dtype} differs from ${expected.dtype}`);
  }
  const exact = expected.dtype !== 'float32';
  const { rtol, atol } = exact ? { rtol: 0, atol: 0 } : tolerance;
  let worst = -1;
  let worstExcess = 0;
  let failures = 0;
  for (let i = 0; i < expected.values.length; i++) {
    const a = actual.values[i]!;
    const e = expected.values[i]!;
    if (Number.isNaN(a) && Number.isNaN(e)) continue;
    if (a === e) continue; // also equal infinities
    // Past here a non-finite value on either side (NaN against a number, opposite infinities) fails.
    const finite = Number.isFinite(a) && Number.isFinite(e);
    const excess = finite ? Math.abs(a - e) - (atol + rtol * Math.abs(e)) : Number.POSITIVE_INFINITY;
    if (excess > 0) {
      failures++;
      if (worst < 0 || excess > worstExcess) {
        worst = i;
        worstExcess = excess;
      }
    }
  }
  if (worst < 0) return;
  const a = actual.values[worst]!;
  const e = expected.values[worst]!;
  const allowed = atol + rtol * Math.abs(e);
  throw new ConformanceMismatchError(
    where,
    `worst index ${worst} (position [${positionOf(worst, expected.shape).join(', ')}] of shape ` +
      `${shapeText(expected.shape)}): ${fmt(a)} vs expected ${fmt(e)}, |diff| ${Math.abs(a - e).toExponential(2)} > ` +
      `tolerance ${allowed.toExponential(2)} (atol ${atol} + rtol ${rtol}·|expected|); ` +
      `${failures} of ${expected.values.length} values out of tolerance`,
  );
}
