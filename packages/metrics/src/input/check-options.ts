import { ValidationError } from '@tessera/core';

/**
 * @returns `value`, or `fallback` when it is undefined
 * @throws ValidationError unless the value is an integer `>= min`
 */
export function integerOption(
  value: number | undefined,
  fallback: number,
  min: number,
  where: string,
): number;
export function integerOption(
  value: number | undefined,
  fallback: undefined,
  min: number,
  where: string,
): number | undefined;
export function integerOption(
  value: number | undefined,
  fallback: number | undefined,
  min: number,
  where: string,
) {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min)
    throw ValidationError.expected(`an integer >= ${min}`, value, where);
  return value;
}

/**
 * @returns `value`, or `fallback` when it is undefined
 * @throws ValidationError unless the value is a finite number in `[min, max]`
 */
export function numberOption(
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
  where: string,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    throw ValidationError.expected(`a number in [${min}, ${max}]`, value, where);
  }
  return value;
}

/**
 * @returns `value`, or `fallback` when it is undefined
 * @throws ValidationError unless the value is one of `allowed`
 */
export function choiceOption<T>(
  value: T | undefined,
  fallback: NoInfer<T>,
  allowed: readonly NoInfer<T>[],
  where: string,
): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value)) {
    throw ValidationError.expected(
      `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
      value,
      where,
    );
  }
  return value;
}
