import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** Reads a JSON fixture from `src/__fixtures__/`. Test-only helper. @internal */
export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8')) as T;
}

/** Fixture matrices write NaN as null; turn them back. @internal */
export function numeric(rows: (number | null)[][]): number[][] {
  return rows.map((r) => r.map((v) => (v === null ? Number.NaN : v)));
}

/** Element-wise |a − b| ≤ tol, where null in `expected` means NaN. @internal */
export function expectClose(actual: unknown, expected: unknown, tol = 1e-6, path = '$'): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    expect((actual as unknown[]).length, `${path}.length`).toBe(expected.length);
    expected.forEach((e, i) => {
      expectClose((actual as unknown[])[i], e, tol, `${path}[${i}]`);
    });
    return;
  }
  if (expected === null) {
    expect(Number.isNaN(actual as number) || actual === null, `${path} is missing`).toBe(true);
    return;
  }
  if (typeof expected === 'number') {
    expect(typeof actual, `${path} type`).toBe('number');
    expect(Math.abs((actual as number) - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
      tol * Math.max(1, Math.abs(expected)),
    );
    return;
  }
  expect(actual, path).toEqual(expected);
}
