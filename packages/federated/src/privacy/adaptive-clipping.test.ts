import { describe, expect, it } from 'vitest';
import { ChaChaStream, deriveKey } from '../secagg/prg.js';
import { noisedUnclippedFraction, updateClipNorm, valueNoiseMultiplier } from './adaptive-clipping.js';

describe('adaptive clipping (Andrew et al. 2021)', () => {
  it('shrinks C when more than the target fraction is unclipped, and grows it otherwise', () => {
    // C·exp(−η(b̄ − γ)), by hand: 1·e^(−0.2·0.3) and 1·e^(+0.2·0.3).
    expect(updateClipNorm(1, 0.8, { targetQuantile: 0.5, learningRate: 0.2 })).toBeCloseTo(
      Math.exp(-0.06),
      15,
    );
    expect(updateClipNorm(1, 0.2, { targetQuantile: 0.5, learningRate: 0.2 })).toBeCloseTo(
      Math.exp(0.06),
      15,
    );
    expect(updateClipNorm(1, 0.8, { targetQuantile: 0.5, learningRate: 0.2, geometric: false })).toBeCloseTo(
      0.94,
      15,
    );
    expect(updateClipNorm(2, 0.5, {})).toBe(2);
  });

  it.each([
    [0.5, 5],
    [0.9, 9],
    [0.2, 2],
  ])('converges to the %f-quantile of the update norms (uniform on [0, 10] → %f)', (quantile, expected) => {
    const stream = new ChaChaStream(deriveKey('test/adaptive-clipping', quantile));
    const clients = 100;
    const options = { targetQuantile: quantile, learningRate: 0.2 };
    let clipNorm = 0.1; // the paper's C₀, far below the answer
    const late: number[] = [];
    for (let round = 0; round < 400; round++) {
      let unclipped = 0;
      for (let i = 0; i < clients; i++) if (10 * stream.uniform() <= clipNorm) unclipped++;
      const fraction = noisedUnclippedFraction(unclipped, clients, clients, clients / 20, stream);
      clipNorm = updateClipNorm(clipNorm, fraction, options);
      if (round >= 300) late.push(clipNorm);
    }
    const mean = late.reduce((a, b) => a + b, 0) / late.length;
    // The fraction of norms below the settled C (C/10 for this distribution) is the target quantile, up to
    // the wander that the noised count (σ_b = m/20) and the constant step leave.
    expect(Math.abs(mean / 10 - quantile)).toBeLessThan(0.015);
    expect(mean).toBeCloseTo(expected, 0);
  });

  it('centres the count: with no noise the fraction is exact', () => {
    const stream = new ChaChaStream(new Uint8Array(32));
    expect(noisedUnclippedFraction(7, 10, 10, 0, stream)).toBeCloseTo(0.7, 15);
    expect(noisedUnclippedFraction(3, 5, 10, 0, stream)).toBeCloseTo((3 - 2.5) / 10 + 0.5, 15);
    expect(() => noisedUnclippedFraction(11, 10, 10, 0, stream)).toThrow(/unclipped count in \[0, 10\]/);
  });

  it('splits the noise so the round is one Gaussian mechanism of multiplier z', () => {
    const zValue = valueNoiseMultiplier(1, 5); // (1 − (2·5)^(−2))^(−½)
    expect(zValue).toBeCloseTo((1 - 0.01) ** -0.5, 15);
    expect(zValue ** -2 + (2 * 5) ** -2).toBeCloseTo(1, 15);
    expect(() => valueNoiseMultiplier(1, 0.4)).toThrow(/2·countStddev > noiseMultiplier/);
  });
});
