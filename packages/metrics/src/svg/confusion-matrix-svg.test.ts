import { ValidationError } from '@tessera/core';
import { describe, expect, it } from 'vitest';
import { normalizeConfusionMatrix } from '../math/confusion-matrix.js';
import { confusionMatrixSvg } from './confusion-matrix-svg.js';
import { parseSvg } from './parse-svg.test-support.js';

const luminance = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};

describe('confusionMatrixSvg', () => {
  const matrix = [
    [5, 1, 0],
    [2, 7, 1],
    [0, 0, 4],
  ];
  const labels = ['cat', 'dog', '<bird & co>'];

  it('plots every cell with its value, shaded by size, and names the classes on both axes', () => {
    const svg = parseSvg(confusionMatrixSvg(matrix, { labels, title: 'Validation "set"' }));
    const cells = svg.rect.filter((r) => r.class === 'cell');
    expect(cells).toHaveLength(9);
    for (const cell of cells) {
      const [t, p] = [Number(cell['data-row']), Number(cell['data-col'])];
      expect(Number(cell['data-value'])).toBe(matrix[t]![p]);
    }
    expect(svg.text.filter((t) => t.class === 'cell-value').map((t) => t['#text'])).toEqual(
      matrix.flat().map(String),
    );
    const shade = (t: number, p: number) =>
      luminance(cells.find((c) => c['data-row'] === String(t) && c['data-col'] === String(p))!.fill!);
    expect(shade(1, 1)).toBeLessThan(shade(0, 0));
    expect(shade(0, 0)).toBeLessThan(shade(1, 0));
    expect(shade(1, 0)).toBeLessThan(shade(0, 2));
    expect(svg.text.filter((t) => t.class === 'true-label').map((t) => t['#text'])).toEqual(labels);
    expect(svg.text.filter((t) => t.class === 'predicted-label').map((t) => t['#text'])).toEqual(labels);
    expect(svg.text.some((t) => t['#text'] === 'Validation "set"')).toBe(true);
  });

  it('plots normalised values with two decimals', () => {
    const svg = parseSvg(confusionMatrixSvg(matrix, { normalize: 'true' }));
    const expected = normalizeConfusionMatrix(matrix, 'true');
    const values = svg.rect.filter((r) => r.class === 'cell').map((c) => Number(c['data-value']));
    values.forEach((v, i) => {
      expect(v).toBeCloseTo(expected.flat()[i]!, 12);
    });
    expect(svg.text.filter((t) => t.class === 'cell-value').map((t) => t['#text'])).toContain('0.70');
  });

  it('rejects a matrix that is not square or not finite, and a wrong number of labels', () => {
    expect(() => confusionMatrixSvg([[1, 2]])).toThrow(ValidationError);
    expect(() =>
      confusionMatrixSvg([
        [1, Number.NaN],
        [0, 1],
      ]),
    ).toThrow(ValidationError);
    expect(() => confusionMatrixSvg(matrix, { labels: ['a'] })).toThrow(ValidationError);
  });
});
