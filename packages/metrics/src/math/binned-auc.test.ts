import { describe, expect, it } from 'vitest';
import { binIndex, binnedAuc } from './binned-auc.js';
import { binaryRocAuc } from './roc.js';

// A small deterministic generator (mulberry32) so the data are the same on every run.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function histogram(labels: Uint8Array, scores: Float64Array, bins: number) {
  const pos = new Float64Array(bins);
  const neg = new Float64Array(bins);
  labels.forEach((l, i) => {
    const b = binIndex(scores[i]!, bins);
    if (l) pos[b]! += 1;
    else neg[b]! += 1;
  });
  return { pos, neg };
}

describe('binned ROC AUC error', () => {
  it.each([200, 50, 11])(
    'stays within its bound, about 1/(2·bins), on 20 000 spread scores with %i thresholds',
    (numThresholds) => {
      const next = random(numThresholds);
      const n = 20_000;
      const labels = new Uint8Array(n);
      const scores = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        labels[i] = next() < 0.4 ? 1 : 0;
        scores[i] = Math.min(1, Math.max(0, 0.3 * labels[i]! + 0.7 * next()));
      }
      const bins = numThresholds - 1;
      const { pos, neg } = histogram(labels, scores, bins);
      const { auc, errorBound } = binnedAuc(pos, neg);
      const exact = binaryRocAuc(labels, scores, null);
      expect(Math.abs(auc - exact)).toBeLessThanOrEqual(errorBound);
      // Scores spread over ~0.7/(1/bins) bins: the bound is near 1/(2·bins) scaled by that spread.
      expect(errorBound).toBeLessThan((1 / (2 * bins * 0.7)) * 1.5);
      expect(errorBound).toBeGreaterThan((1 / (2 * bins)) * 0.5);
    },
  );

  it('is tight when every score shares one bin: the AUC reads 0.5 and the bound 0.5', () => {
    const { auc, errorBound } = binnedAuc([0, 3, 0], [0, 5, 0]);
    expect(auc).toBe(0.5);
    expect(errorBound).toBe(0.5);
  });

  it('places scores in Keras-style threshold intervals (i/B, (i+1)/B], clamping outside [0, 1]', () => {
    expect(binIndex(0, 4)).toBe(0);
    expect(binIndex(0.25, 4)).toBe(0);
    expect(binIndex(0.2500001, 4)).toBe(1);
    expect(binIndex(1, 4)).toBe(3);
    expect(binIndex(-3, 4)).toBe(0);
    expect(binIndex(7, 4)).toBe(3);
  });
});
