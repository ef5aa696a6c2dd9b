import { ValidationError } from '@tessera/core';

/** Requires a positive integer. @internal */
export function positiveInt(value: unknown, where: string): number {
  if (!Number.isInteger(value) || (value as number) <= 0)
    throw ValidationError.expected('a positive integer', value, where);
  return value as number;
}

/** Requires a number in [0, 1) (dropout rates). @internal */
export function rate(value: unknown, fallback: number, where: string): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !(v >= 0 && v < 1))
    throw ValidationError.expected('a rate in [0, 1)', value, where);
  return v;
}

/** Requires a finite number, defaulting when absent. @internal */
export function finiteNumber(value: unknown, fallback: number, where: string): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw ValidationError.expected('a finite number', value, where);
  return v;
}

/** Requires a boolean, defaulting when absent. @internal */
export function bool(value: unknown, fallback: boolean, where: string): boolean {
  const v = value ?? fallback;
  if (typeof v !== 'boolean') throw ValidationError.expected('true or false', value, where);
  return v;
}

/** Requires one of `allowed`, defaulting when absent. @internal */
export function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  where: string,
): T {
  const v = value ?? fallback;
  if (!allowed.includes(v as T))
    throw ValidationError.expected(allowed.map((a) => `'${a}'`).join(' | '), value, where);
  return v as T;
}

/** Requires an integer (possibly negative: an axis). @internal */
export function integer(value: unknown, fallback: number, where: string): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v)) throw ValidationError.expected('an integer', value, where);
  return v as number;
}
