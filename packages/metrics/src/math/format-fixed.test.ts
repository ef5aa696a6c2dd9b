import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatFixed } from './format-fixed.js';

// Reference strings are Python's format(x, '.{d}f'), written by __fixtures__/generate.py.
const { pythonFormat } = JSON.parse(
  readFileSync(new URL('../__fixtures__/sklearn-reference.json', import.meta.url), 'utf8'),
) as {
  pythonFormat: [number, number, string][];
};

describe('formatFixed', () => {
  it.each(pythonFormat)('format(%s, .%if) is %s', (x, digits, expected) => {
    expect(formatFixed(x, digits)).toBe(expected);
  });

  it('differs from toFixed exactly on binary-exact ties', () => {
    expect((0.125).toFixed(2)).toBe('0.13');
    expect(formatFixed(0.125, 2)).toBe('0.12');
    expect(formatFixed(Number.NaN, 2)).toBe('nan');
  });
});
