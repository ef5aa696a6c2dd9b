import erfc from '@stdlib/math-base-special-erfc';
import erfcx from '@stdlib/math-base-special-erfcx';
import { NumericalError } from './privacy-errors.js';

/** `log(eˣ + eʸ)` without overflow; `-Infinity` stands for 0. */
export function logAdd(logX: number, logY: number): number {
  const a = Math.min(logX, logY);
  const b = Math.max(logX, logY);
  if (a === Number.NEGATIVE_INFINITY) return b;
  return Math.log1p(Math.exp(a - b)) + b;
}

/**
 * `log(eˣ − eʸ)` for `x ≥ y`; `-Infinity` stands for 0. Where `eˣ⁻ʸ` overflows, `y` is negligible and the
 * result is `x`.
 */
export function logSub(logX: number, logY: number): number {
  if (logX < logY) {
    throw new NumericalError(`Expected logX >= logY, received ${logX} < ${logY}`, { where: 'logSub' });
  }
  if (logY === Number.NEGATIVE_INFINITY) return logX;
  if (logX === logY) return Number.NEGATIVE_INFINITY;
  const diff = Math.expm1(logX - logY);
  return Number.isFinite(diff) ? Math.log(diff) + logY : logX;
}

// Beyond this, erfc(x) underflows towards subnormals; the scaled form keeps full relative precision.
const SCALED_FROM = 10;

/** `log(erfc(x))`, accurate in the far right tail where `erfc(x)` underflows. */
export function logErfc(x: number): number {
  return x < SCALED_FROM ? Math.log(erfc(x)) : -x * x + Math.log(erfcx(x));
}
