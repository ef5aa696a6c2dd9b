import { ValidationError } from '@tessera/core';
import { describe, expect, it } from 'vitest';
import { rocCurve } from '../classification/curves.js';
import { evaluateMetric } from '../metric.js';
import { parseSvg } from './parse-svg.test-support.js';
import { rocCurveSvg } from './roc-curve-svg.js';

describe('rocCurveSvg', () => {
  it('plots each curve so that its points map back to the fpr and tpr', async () => {
    const a = await evaluateMetric(
      rocCurve(),
      [0, 0, 1, 1, 0, 1, 1, 0],
      [0.1, 0.4, 0.35, 0.8, 0.55, 0.9, 0.2, 0.3],
    );
    const b = { fpr: [0, 0.1, 0.5, 1], tpr: [0, 0.6, 0.9, 1], label: 'baseline & co', auc: 0.8125 };
    const svg = parseSvg(rocCurveSvg([{ ...a, label: 'model', auc: 0.6875 }, b], { title: 'ROC' }));
    const frame = svg.rect.find((r) => r.class === 'plot-area')!;
    const [x, y, width, height] = ['x', 'y', 'width', 'height'].map((k) => Number(frame[k]));
    const lines = svg.polyline.filter((p) => p.class === 'roc-curve');
    expect(lines.map((l) => l['data-label'])).toEqual(['model', 'baseline & co']);
    [a, b].forEach((curve, i) => {
      const points = lines[i]!.points!.split(' ').map((pair) => pair.split(',').map(Number));
      expect(points).toHaveLength(curve.fpr.length);
      points.forEach(([px, py], j) => {
        expect((px! - x!) / width!).toBeCloseTo(curve.fpr[j]!, 4);
        expect(1 - (py! - y!) / height!).toBeCloseTo(curve.tpr[j]!, 4);
      });
    });
    const legend = svg.text.filter((t) => t.class === 'legend').map((t) => t['#text']);
    expect(legend).toEqual(['model (AUC = 0.688)', 'baseline & co (AUC = 0.812)']);
    expect(svg.text.filter((t) => t.class === 'x-tick').map((t) => t['#text'])).toEqual([
      '0.0',
      '0.2',
      '0.4',
      '0.6',
      '0.8',
      '1.0',
    ]);
  });

  it('rejects curves that are empty, uneven or undefined (one class only)', async () => {
    expect(() => rocCurveSvg({ fpr: [], tpr: [] })).toThrow(ValidationError);
    expect(() => rocCurveSvg({ fpr: [0, 1], tpr: [0] })).toThrow(ValidationError);
    const oneClass = await evaluateMetric(rocCurve(), [0, 0, 0], [0.1, 0.4, 0.35]);
    expect(() => rocCurveSvg(oneClass)).toThrow(ValidationError);
  });
});
