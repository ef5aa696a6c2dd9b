import { ValidationError } from '@tessera/core';
import { formatFixed } from '../math/format-fixed.js';
import { coordinate, element, escapeXml, PALETTE, svgDocument } from './svg-elements.js';

/** One ROC curve to draw: its points and, optionally, a legend label and its AUC. */
export interface RocCurveSeries {
  readonly fpr: readonly number[];
  readonly tpr: readonly number[];
  readonly label?: string;
  readonly auc?: number;
}

/** Options of {@link rocCurveSvg}. */
export interface RocCurveSvgOptions {
  readonly title?: string;
  /** Size of the whole picture in pixels. Default 420 × 420. */
  readonly width?: number;
  readonly height?: number;
}

const MARGIN = { left: 56, right: 16, top: 40, bottom: 48 };

/**
 * Draws one or more ROC curves as a standalone SVG: the unit square as `<rect class="plot-area">`, each curve
 * as a `<polyline class="roc-curve">` (x = fpr, y = tpr, in that rectangle's pixels, y growing upwards), the
 * chance diagonal, axis ticks and a legend with each curve's AUC.
 * @example
 * ```ts
 * import { evaluateMetric, rocCurve, rocCurveSvg } from '@tessera/metrics';
 * const curve = await evaluateMetric(rocCurve(), [0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
 * const svg = rocCurveSvg({ ...curve, label: 'model', auc: 0.75 }, { title: 'ROC' });
 * ```
 * @throws ValidationError if a curve is empty, its arrays differ in length, or a rate is outside [0, 1]
 */
export function rocCurveSvg(
  curves: RocCurveSeries | readonly RocCurveSeries[],
  options: RocCurveSvgOptions = {},
): string {
  const series: readonly RocCurveSeries[] = Array.isArray(curves) ? curves : [curves as RocCurveSeries];
  const width = options.width ?? 420;
  const height = options.height ?? 420;
  const plot = {
    x: MARGIN.left,
    y: MARGIN.top,
    width: width - MARGIN.left - MARGIN.right,
    height: height - MARGIN.top - MARGIN.bottom,
  };
  const px = (fpr: number) => plot.x + fpr * plot.width;
  const py = (tpr: number) => plot.y + (1 - tpr) * plot.height;
  const body: string[] = [];
  if (options.title)
    body.push(
      element(
        'text',
        { x: width / 2, y: 24, 'text-anchor': 'middle', 'font-size': 16 },
        escapeXml(options.title),
      ),
    );
  body.push(element('rect', { class: 'plot-area', ...plot, fill: 'none', stroke: '#333333' }));
  for (let i = 0; i <= 5; i++) {
    const v = i / 5;
    const label = formatFixed(v, 1);
    body.push(
      element('line', {
        x1: px(v),
        y1: plot.y + plot.height,
        x2: px(v),
        y2: plot.y + plot.height + 5,
        stroke: '#333333',
      }),
    );
    body.push(
      element(
        'text',
        { class: 'x-tick', x: px(v), y: plot.y + plot.height + 18, 'text-anchor': 'middle', 'font-size': 11 },
        label,
      ),
    );
    body.push(element('line', { x1: plot.x - 5, y1: py(v), x2: plot.x, y2: py(v), stroke: '#333333' }));
    body.push(
      element(
        'text',
        { class: 'y-tick', x: plot.x - 8, y: py(v) + 4, 'text-anchor': 'end', 'font-size': 11 },
        label,
      ),
    );
  }
  body.push(
    element('line', {
      class: 'chance',
      x1: px(0),
      y1: py(0),
      x2: px(1),
      y2: py(1),
      stroke: '#999999',
      'stroke-dasharray': '4 4',
    }),
  );
  series.forEach((s, i) => {
    checkSeries(s, i);
    const color = PALETTE[i % PALETTE.length]!;
    const points = s.fpr.map((f, j) => `${coordinate(px(f))},${coordinate(py(s.tpr[j]!))}`).join(' ');
    const label = s.label ?? `curve ${i + 1}`;
    body.push(
      element('polyline', {
        class: 'roc-curve',
        'data-label': label,
        points,
        fill: 'none',
        stroke: color,
        'stroke-width': 2,
      }),
    );
    const legend = s.auc === undefined ? label : `${label} (AUC = ${formatFixed(s.auc, 3)})`;
    const ly = plot.y + plot.height - 12 - (series.length - 1 - i) * 16;
    body.push(
      element('line', {
        x1: plot.x + plot.width - 150,
        y1: ly - 4,
        x2: plot.x + plot.width - 130,
        y2: ly - 4,
        stroke: color,
        'stroke-width': 2,
      }),
    );
    body.push(
      element(
        'text',
        { class: 'legend', x: plot.x + plot.width - 125, y: ly, 'font-size': 11 },
        escapeXml(legend),
      ),
    );
  });
  body.push(
    element(
      'text',
      { x: plot.x + plot.width / 2, y: height - 10, 'text-anchor': 'middle', 'font-size': 13 },
      'False positive rate',
    ),
  );
  const cy = plot.y + plot.height / 2;
  body.push(
    element(
      'text',
      {
        x: 16,
        y: cy,
        'text-anchor': 'middle',
        'font-size': 13,
        transform: `rotate(-90 16 ${coordinate(cy)})`,
      },
      'True positive rate',
    ),
  );
  return svgDocument(width, height, body);
}

function checkSeries(s: RocCurveSeries, index: number): void {
  const where = `rocCurveSvg(curves[${index}])`;
  if (
    !s ||
    !Array.isArray(s.fpr) ||
    !Array.isArray(s.tpr) ||
    s.fpr.length === 0 ||
    s.fpr.length !== s.tpr.length
  ) {
    throw ValidationError.expected('fpr and tpr arrays of equal, non-zero length', s, where);
  }
  const bad = [...s.fpr, ...s.tpr].find((v) => !(v >= 0 && v <= 1));
  if (bad !== undefined)
    throw ValidationError.expected('rates in [0, 1] (a curve needs both classes)', bad, where);
}
