/**
 * Formats a number with `digits` decimals like Python's `format(x, '.{digits}f')`: rounding is exact and
 * an exact tie rounds to even (`0.125` → `'0.12'`), where JavaScript's `toFixed` rounds ties up.
 * @example
 * ```ts
 * formatFixed(0.125, 2); // '0.12'
 * formatFixed(0.375, 2); // '0.38'
 * ```
 */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const rounded = x.toFixed(digits);
  const extra = 30;
  const long = Math.abs(x).toFixed(Math.min(100, digits + extra));
  const tail = long.slice(long.length - extra);
  if (tail !== `5${'0'.repeat(extra - 1)}`) return rounded;
  // An exact tie: JavaScript rounded away from zero; Python keeps the even digit.
  const kept = long.slice(0, long.length - extra).replace(/\.$/, '');
  const lastDigit = Number(kept[kept.length - 1]);
  if (lastDigit % 2 === 1) return rounded;
  return `${x < 0 ? '-' : ''}${kept}`;
}
