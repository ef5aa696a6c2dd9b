import { ValidationError } from '@tessera/core';

/** Bounds for {@link checkNumber}; every bound is inclusive unless named `...Exclusive`. */
export interface NumberBounds {
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: number;
  readonly maxExclusive?: number;
  readonly integer?: boolean;
}

/**
 * Returns `value` when it is a finite number within `bounds`.
 * @throws ValidationError saying what was expected, what was received and where
 */
export function checkNumber(value: unknown, bounds: NumberBounds, where: string): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (bounds.integer !== true || Number.isInteger(value)) &&
    (bounds.min === undefined || value >= bounds.min) &&
    (bounds.max === undefined || value <= bounds.max) &&
    (bounds.minExclusive === undefined || value > bounds.minExclusive) &&
    (bounds.maxExclusive === undefined || value < bounds.maxExclusive);
  if (!ok) throw ValidationError.expected(describeBounds(bounds), value, where);
  return value as number;
}

/** `checkNumber` for an optional option: `fallback` when `value` is undefined. */
export function optionalNumber(
  value: unknown,
  fallback: number,
  bounds: NumberBounds,
  where: string,
): number {
  return value === undefined ? fallback : checkNumber(value, bounds, where);
}

/** Returns a boolean option, or `fallback` when undefined. */
export function optionalBoolean(value: unknown, fallback: boolean, where: string): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw ValidationError.expected('a boolean', value, where);
  return value;
}

/** Returns one of `choices`, or `fallback` when undefined. */
export function optionalChoice<T extends string>(
  value: unknown,
  choices: readonly T[],
  fallback: T,
  where: string,
): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw ValidationError.expected(`one of ${choices.map((c) => `"${c}"`).join(', ')}`, value, where);
  }
  return value as T;
}

/** Checks that an options argument is a plain object (or undefined) and returns it as a record. */
export function optionsRecord(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw ValidationError.expected('an options object', value, where);
  return value as Record<string, unknown>;
}

function describeBounds(b: NumberBounds): string {
  const parts: string[] = [];
  if (b.min !== undefined) parts.push(`>= ${b.min}`);
  if (b.minExclusive !== undefined) parts.push(`> ${b.minExclusive}`);
  if (b.max !== undefined) parts.push(`<= ${b.max}`);
  if (b.maxExclusive !== undefined) parts.push(`< ${b.maxExclusive}`);
  const kind = b.integer ? 'a finite integer' : 'a finite number';
  return parts.length ? `${kind} ${parts.join(' and ')}` : kind;
}
