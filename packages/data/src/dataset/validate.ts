import { ValidationError } from '@tessera/core';

/** Throws unless `value` is an integer ≥ `min`. @internal */
export function checkInteger(value: unknown, min: number, where: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw ValidationError.expected(`an integer >= ${min}`, value, where);
  }
  return value;
}

/** Throws unless `value` is a finite number (optionally within [min, max]). @internal */
export function checkNumber(value: unknown, where: string, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const range = min === -Infinity && max === Infinity ? 'a finite number' : `a number in [${min}, ${max}]`;
    throw ValidationError.expected(range, value, where);
  }
  return value;
}
