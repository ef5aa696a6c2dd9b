import { ValidationError } from '@tessera/core';
import { type ConfusionNormalization, normalizeConfusionMatrix } from '../math/confusion-matrix.js';
import { formatFixed } from '../math/format-fixed.js';
import { blueScale, element, escapeXml, svgDocument } from './svg-elements.js';

/** Options of {@link confusionMatrixSvg}. */
export interface ConfusionMatrixSvgOptions {
  /** Class names, in class order. Default: the class indices. */
  readonly labels?: readonly string[];
  readonly title?: string;
  /** Normalise before plotting, as {@link normalizeConfusionMatrix}. */
  readonly normalize?: ConfusionNormalization;
  /** Side of one cell in pixels. Default 56. */
  readonly cellSize?: number;
  /** Decimals of the printed values; default 0 for counts that are all integers, else 2. */
  readonly digits?: number;
}

/**
 * Draws a confusion matrix (rows: true class, columns: predicted class) as a standalone SVG heat map. Every
 * cell is a `<rect class="cell">` with `data-row`, `data-col` and `data-value` and a `<text>` showing the
 * value, so the picture can be checked or restyled without a browser.
 * @example
 * ```ts
 * import { confusionMatrixSvg } from '@tessera/metrics';
 * const svg = confusionMatrixSvg([[5, 1], [2, 7]], { labels: ['cat', 'dog'], title: 'Validation' });
 * ```
 * @throws ValidationError unless `matrix` is a non-empty square matrix of finite numbers, with one label per class
 */
export function confusionMatrixSvg(
  matrix: readonly (readonly number[])[],
  options: ConfusionMatrixSvgOptions = {},
): string {
  const where = 'confusionMatrixSvg(matrix)';
  const k = matrix.length;
  if (
    k === 0 ||
    !matrix.every((row) => Array.isArray(row) && row.length === k && row.every(Number.isFinite))
  ) {
    throw ValidationError.expected('a non-empty square matrix of finite numbers', matrix, where);
  }
  const labels = options.labels ?? Array.from({ length: k }, (_, i) => String(i));
  if (labels.length !== k)
    throw ValidationError.expected(`${k} labels`, labels, 'confusionMatrixSvg({ labels })');
  const values = options.normalize
    ? normalizeConfusionMatrix(
        matrix.map((r) => [...r]),
        options.normalize,
      )
    : matrix;
  const digits = options.digits ?? (values.every((r) => r.every(Number.isInteger)) ? 0 : 2);
  const cell = options.cellSize ?? 56;
  const longest = Math.max(...labels.map((l) => l.length));
  const left = 40 + Math.min(160, 7 * longest);
  const top = options.title ? 44 : 16;
  const size = k * cell;
  const width = left + size + 16;
  const height = top + size + 56 + Math.min(120, 4 * longest);
  const max = Math.max(...values.flat(), 0);
  const body: string[] = [];
  if (options.title)
    body.push(
      element(
        'text',
        { x: width / 2, y: 26, 'text-anchor': 'middle', 'font-size': 16 },
        escapeXml(options.title),
      ),
    );
  values.forEach((row, t) => {
    row.forEach((v, p) => {
      const x = left + p * cell;
      const y = top + t * cell;
      const intensity = max > 0 ? v / max : 0;
      body.push(
        element('rect', {
          class: 'cell',
          x,
          y,
          width: cell,
          height: cell,
          fill: blueScale(intensity),
          stroke: '#ffffff',
          'data-row': String(t),
          'data-col': String(p),
          'data-value': String(v),
        }),
      );
      const color = intensity > 0.5 ? '#ffffff' : '#000000';
      body.push(
        element(
          'text',
          {
            class: 'cell-value',
            x: x + cell / 2,
            y: y + cell / 2 + 5,
            'text-anchor': 'middle',
            'font-size': 13,
            fill: color,
          },
          formatFixed(v, digits),
        ),
      );
    });
  });
  labels.forEach((label, i) => {
    const centre = i * cell + cell / 2;
    body.push(
      element(
        'text',
        { class: 'true-label', x: left - 8, y: top + centre + 4, 'text-anchor': 'end', 'font-size': 12 },
        escapeXml(label),
      ),
    );
    const x = left + centre;
    const y = top + size + 16;
    body.push(
      element(
        'text',
        {
          class: 'predicted-label',
          x,
          y,
          'text-anchor': 'end',
          'font-size': 12,
          transform: `rotate(-45 ${x} ${y})`,
        },
        escapeXml(label),
      ),
    );
  });
  body.push(
    element(
      'text',
      { x: left + size / 2, y: height - 10, 'text-anchor': 'middle', 'font-size': 13 },
      'Predicted label',
    ),
  );
  body.push(
    element(
      'text',
      {
        x: 14,
        y: top + size / 2,
        'text-anchor': 'middle',
        'font-size': 13,
        transform: `rotate(-90 14 ${top + size / 2})`,
      },
      'True label',
    ),
  );
  return svgDocument(width, height, body);
}
