import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fromTensorSlices } from '../dataset/sources.js';
import { augmentImages, createImageAugmenter } from './augment.js';
import { augmentDataset } from './augment-dataset.js';
import { rotation, toTransformRow } from './matrices.js';

const rotationRow = (theta: number) =>
  toTransformRow(rotation(theta, 4, 4)).map((v) => Math.round(v * 1e9) / 1e9);

let before = 0;
beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => expect(tf.memory().numTensors).toBe(before));

/** 1×4×4×1 image with distinct values row*4 + col. */
const ramp = () => tf.tidy(() => tf.range(0, 16).reshape([1, 4, 4, 1])) as tf.Tensor4D;
const values = async (t: tf.Tensor) => {
  const out = Array.from(await t.data());
  t.dispose();
  return out;
};

describe('geometric augmentations', () => {
  it('a certain horizontal / vertical flip equals tf.reverse', async () => {
    const x = ramp();
    // Find seeds whose coin flip says "flip" by comparing to the two possible outcomes.
    const flipped = await values(tf.reverse(x, 2));
    const outcomes = new Set<string>();
    for (let seed = 0; seed < 8; seed++)
      outcomes.add(
        JSON.stringify(
          await values(augmentImages(x, { horizontalFlip: true, interpolation: 'nearest' }, { seed })),
        ),
      );
    expect(outcomes).toEqual(new Set([JSON.stringify(flipped), JSON.stringify(await values(x.clone()))]));
    const vertical = new Set<string>();
    for (let seed = 0; seed < 8; seed++)
      vertical.add(
        JSON.stringify(
          await values(augmentImages(x, { verticalFlip: true, interpolation: 'nearest' }, { seed })),
        ),
      );
    expect(vertical.has(JSON.stringify(await values(tf.reverse(x, 1))))).toBe(true);
    x.dispose();
  });

  it('rotation by exactly 90° counter-clockwise matches a transposed, reversed image', async () => {
    const x = ramp();
    const ccw = tf.tidy(() => tf.reverse(tf.transpose(x, [0, 2, 1, 3]), 1)); // CCW: top-right corner moves to top-left
    const turned = tf.tidy(() =>
      tf.image.transform(x, tf.tensor2d([[...rotationRow(Math.PI / 2)]]), 'nearest'),
    );
    expect(await values(turned)).toEqual(await values(ccw));
    x.dispose();
  });

  it('same seed → same images; fused equals one op per augmentation', async () => {
    const x = tf.randomUniform([3, 12, 12, 2], 0, 1, 'float32', 5) as tf.Tensor4D;
    const config = {
      horizontalFlip: true,
      rotationRange: 20,
      zoomRange: 0.2,
      widthShiftRange: 0.1,
      heightShiftRange: 0.1,
      shearRange: 5,
    };
    const a = augmentImages(x, config, { seed: 11 });
    const b = augmentImages(x, config, { seed: 11 });
    const c = augmentImages(x, config, { seed: 12 });
    expect(await values(tf.tidy(() => a.sub(b)))).toEqual(Array(3 * 12 * 12 * 2).fill(0));
    expect(Math.max(...(await values(tf.tidy(() => a.sub(c).abs()))))).toBeGreaterThan(0.01);
    // With integer flips and shifts and nearest sampling, fusing is exact.
    const exact = {
      horizontalFlip: true,
      verticalFlip: true,
      widthShiftRange: 0.25,
      interpolation: 'nearest' as const,
      fillMode: 'constant' as const,
    };
    const r = ramp();
    const fused = augmentImages(r, exact, { seed: 3, fused: true });
    const steps = augmentImages(r, exact, { seed: 3, fused: false });
    expect(await values(tf.tidy(() => fused.sub(steps)))).toEqual(Array(16).fill(0));
    tf.dispose([a, b, c, x, r, fused, steps]);
  });

  it('an integer shift moves pixels and fills with the constant', async () => {
    const x = ramp();
    // widthShiftRange 1 → shift u·4 pixels with u in (−1, 1); inspect the drawn shift through the output.
    const out = await values(
      augmentImages(
        x,
        { widthShiftRange: 0.5, interpolation: 'nearest', fillMode: 'constant', fillValue: -1 },
        { seed: 4 },
      ),
    );
    const row = out.slice(0, 4);
    const shift = row.indexOf(0) >= 0 ? row.indexOf(0) : -row.filter((v) => v === -1).length;
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 4; c++) {
        const src = c - Math.round(shift);
        expect(out[r * 4 + c]).toBe(src >= 0 && src < 4 ? r * 4 + src : -1);
      }
    }
    x.dispose();
  });
});

describe('colour augmentations, crop, rescale', () => {
  it('brightness adds one value per image; contrast keeps the mean; rescale multiplies', async () => {
    const x = tf.tensor4d([1, 2, 3, 4, 10, 20, 30, 40], [2, 2, 2, 1]);
    const bright = await values(augmentImages(x, { brightnessDelta: 5 }, { seed: 1 }));
    const d0 = bright[0]! - 1;
    const d1 = bright[4]! - 10;
    expect(bright.map((v, i) => v - [1, 2, 3, 4, 10, 20, 30, 40][i]!)).toEqual(
      [d0, d0, d0, d0, d1, d1, d1, d1].map((v) => expect.closeTo(v, 5)),
    );
    expect(Math.abs(d0)).toBeLessThanOrEqual(5);
    const contrast = await values(augmentImages(x, { contrastRange: [0.5, 0.5] }, { seed: 1 }));
    expect(contrast.slice(0, 4)).toEqual([1.75, 2.25, 2.75, 3.25]);
    expect(await values(augmentImages(x, { rescale: 0.5 }, { seed: 1 }))).toEqual([
      0.5, 1, 1.5, 2, 5, 10, 15, 20,
    ]);
    x.dispose();
  });

  it('random crop takes an exact window', async () => {
    const x = ramp();
    const crop = await values(augmentImages(x, { randomCrop: [2, 3] }, { seed: 9 }));
    const top = Math.floor(crop[0]! / 4);
    const left = crop[0]! % 4;
    expect(crop).toEqual([0, 1, 2, 4, 5, 6].map((o) => top * 4 + left + o));
    x.dispose();
    const small = ramp();
    expect(() => augmentImages(small, { randomCrop: [5, 1] }, { seed: 1 })).toThrow(
      /no larger than the images/,
    );
    small.dispose();
  });

  it('validates ranges', () => {
    expect(() => createImageAugmenter({ rotationRange: -1 })).toThrow(/rotationRange >= 0/);
    expect(() => createImageAugmenter({ zoomRange: 1.5 })).toThrow(/zoomRange/);
  });
});

describe('augmentDataset', () => {
  it('augments the image field, repeats per seed, differs per epoch, leaks nothing', async () => {
    const images = tf.randomUniform([4, 8, 8, 1], 0, 1, 'float32', 1);
    const labels = tf.tensor1d([0, 1, 2, 3], 'int32');
    const config = { rotationRange: 30, zoomRange: 0.2 };
    const make = () =>
      augmentDataset(fromTensorSlices({ image: images, label: labels }).batch(2), config, { seed: 5 });
    const sums = async (ds: ReturnType<typeof make>) => {
      const out: number[] = [];
      for await (const { image, label } of ds) {
        expect(image.shape).toEqual([2, 8, 8, 1]);
        expect(label.shape).toEqual([2]);
        out.push((await values(tf.tidy(() => image.sum())))[0]!);
      }
      return out;
    };
    const ds = make();
    const epoch1 = await sums(ds);
    const epoch2 = await sums(ds);
    expect(await sums(make())).toEqual(epoch1);
    expect(epoch2).not.toEqual(epoch1);
    tf.dispose([images, labels]);
  });
});

describe('batches', () => {
  it('every image of a batch is augmented like the same image alone (tfjs-backend-cpu Transform defect worked around)', async () => {
    const x = tf.randomUniform([5, 10, 10, 2], 0, 1, 'float32', 3) as tf.Tensor4D;
    const config = { rotationRange: 20, zoomRange: 0.2, widthShiftRange: 0.1, horizontalFlip: true };
    const augmenter = createImageAugmenter(config, { seed: 21 });
    const batch = augmenter.apply(x);
    // A second augmenter with the same seed draws the same parameters image by image.
    const single = createImageAugmenter(config, { seed: 21 });
    for (let i = 0; i < 5; i++) {
      const alone = tf.tidy(() => single.apply(x.slice([i], [1]) as tf.Tensor4D));
      const row = tf.tidy(() => batch.slice([i], [1]).sub(alone).abs().max());
      expect((await values(row))[0]).toBeLessThan(1e-6);
      alone.dispose();
    }
    const perImageSums = await values(tf.tidy(() => batch.sum([1, 2, 3])));
    for (const s of perImageSums) expect(s).toBeGreaterThan(50);
    tf.dispose([x, batch]);
  });
});

describe('random crop on a batch', () => {
  it('cuts an exact window from each image of the batch', async () => {
    const x = tf.tidy(() => tf.range(0, 48).reshape([3, 4, 4, 1])) as tf.Tensor4D; // image i holds 16i..16i+15
    const out = await values(augmentImages(x, { randomCrop: [2, 2] }, { seed: 13 }));
    for (let i = 0; i < 3; i++) {
      const crop = out.slice(i * 4, i * 4 + 4);
      const start = crop[0]! - 16 * i;
      expect(start).toBeGreaterThanOrEqual(0);
      expect(crop).toEqual([0, 1, 4, 5].map((o) => 16 * i + start + o));
    }
    x.dispose();
  });
});
