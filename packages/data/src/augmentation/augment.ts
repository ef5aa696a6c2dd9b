import { ShapeError, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { createRng, randomSeed, type Rng } from '../random/rng.js';
import { type AugmentationConfig, checkAugmentationConfig } from './augmentation-config.js';
import { transformBatch } from './image-transform.js';
import {
  flipHorizontal,
  flipVertical,
  IDENTITY,
  type Matrix3,
  multiply,
  rotation,
  shear,
  toTransformRow,
  translation,
  zoom,
} from './matrices.js';

/** Draws augmentation parameters from a seeded stream and applies them to image batches. */
export interface ImageAugmenter {
  /**
   * Augments `[N, H, W, C]` (or one `[H, W, C]`) images. `fused` (default true) applies every geometric
   * augmentation in one `tf.image.transform` call; `false` runs one call per augmentation (same result up to
   * interpolation, for comparison). The caller owns the result; the input is not disposed.
   */
  apply<T extends tf.Tensor3D | tf.Tensor4D>(images: T, options?: { fused?: boolean }): T;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Per-image geometric steps in application order; their product is the fused transform. */
function geometricSteps(rng: Rng, config: AugmentationConfig, height: number, width: number): Matrix3[][] {
  const steps: Matrix3[][] = [];
  const uniform = (r: number) => (rng.uniform() * 2 - 1) * r;
  if (config.horizontalFlip) steps.push([rng.uniform() < 0.5 ? flipHorizontal(width) : IDENTITY]);
  if (config.verticalFlip) steps.push([rng.uniform() < 0.5 ? flipVertical(height) : IDENTITY]);
  if (config.rotationRange) steps.push([rotation(rad(uniform(config.rotationRange)), height, width)]);
  if (config.shearRange) steps.push([shear(rad(uniform(config.shearRange)), height, width)]);
  if (config.zoomRange !== undefined) {
    const [lo, hi] =
      typeof config.zoomRange === 'number' ? [1 - config.zoomRange, 1 + config.zoomRange] : config.zoomRange;
    steps.push([zoom(lo + rng.uniform() * (hi - lo), lo + rng.uniform() * (hi - lo), height, width)]);
  }
  if (config.widthShiftRange || config.heightShiftRange) {
    steps.push([
      translation(
        uniform(config.widthShiftRange ?? 0) * width,
        uniform(config.heightShiftRange ?? 0) * height,
      ),
    ]);
  }
  return steps.map((s) => s);
}

/**
 * Creates a seeded augmenter: the same seed yields the same images, call after call.
 * @example
 * ```ts
 * const augmenter = createImageAugmenter({ horizontalFlip: true, rotationRange: 15, zoomRange: 0.1 }, { seed: 42 });
 * const augmented = augmenter.apply(batch); // [N, H, W, C]
 * ```
 * @throws {ValidationError} for invalid ranges; {@link ShapeError} for images that are not rank 3 or 4.
 * @see F. Chollet, Keras `ImageDataGenerator` — the parameter semantics followed here.
 */
export function createImageAugmenter(
  config: AugmentationConfig,
  options: { seed?: number } = {},
): ImageAugmenter {
  checkAugmentationConfig(config, 'createImageAugmenter');
  const rng = createRng(options.seed ?? randomSeed());
  return {
    apply<T extends tf.Tensor3D | tf.Tensor4D>(images: T, applyOptions: { fused?: boolean } = {}): T {
      if (!(images instanceof tf.Tensor) || (images.rank !== 3 && images.rank !== 4)) {
        throw new ShapeError(
          `Expected images of rank 3 [H, W, C] or 4 [N, H, W, C], received ${images instanceof tf.Tensor ? `[${images.shape.join(', ')}]` : typeof images}`,
          { where: 'ImageAugmenter.apply' },
        );
      }
      const batch = (images.rank === 3 ? images.expandDims(0) : images) as tf.Tensor4D;
      const [n, height, width] = batch.shape;
      // Draw every random number up front, per image, so fused and unfused runs see identical parameters.
      const perImage = Array.from({ length: n }, () => ({
        steps: geometricSteps(rng, config, height, width),
        crop: config.randomCrop ? [rng.uniform(), rng.uniform()] : undefined,
        brightness: config.brightnessDelta ? (rng.uniform() * 2 - 1) * config.brightnessDelta : 0,
        contrast: config.contrastRange
          ? config.contrastRange[0] + rng.uniform() * (config.contrastRange[1] - config.contrastRange[0])
          : 1,
      }));
      const out = tf.tidy(() => {
        let x: tf.Tensor4D = batch.toFloat();
        if (config.rescale !== undefined) x = x.mul(config.rescale);
        const stepCount = perImage[0]?.steps.length ?? 0;
        const transform = (matrices: Matrix3[]) =>
          transformBatch(
            x,
            matrices.map(toTransformRow),
            config.interpolation ?? 'bilinear',
            config.fillMode ?? 'nearest',
            config.fillValue ?? 0,
          );
        if (stepCount > 0) {
          if (applyOptions.fused ?? true)
            x = transform(
              perImage.map((p) => p.steps.reduce((acc, s) => multiply(acc, s[0] as Matrix3), IDENTITY)),
            );
          else
            for (let k = 0; k < stepCount; k++) x = transform(perImage.map((p) => p.steps[k]![0] as Matrix3));
        }
        if (config.randomCrop)
          x = randomCrop(
            x,
            config.randomCrop,
            perImage.map((p) => p.crop as number[]),
          );
        if (config.brightnessDelta)
          x = x.add(
            tf.tensor4d(
              perImage.map((p) => p.brightness),
              [n, 1, 1, 1],
            ),
          );
        if (config.contrastRange) {
          const mean = x.mean([1, 2], true);
          x = x
            .sub(mean)
            .mul(
              tf.tensor4d(
                perImage.map((p) => p.contrast),
                [n, 1, 1, 1],
              ),
            )
            .add(mean);
        }
        return images.rank === 3 ? x.squeeze([0]) : x;
      });
      if (batch !== images) batch.dispose();
      return out as T;
    },
  };
}

function randomCrop(x: tf.Tensor4D, [ch, cw]: [number, number], draws: number[][]): tf.Tensor4D {
  const [n, h, w] = x.shape;
  if (ch > h || cw > w)
    throw ValidationError.expected(
      `a randomCrop no larger than the images [${h}, ${w}]`,
      [ch, cw],
      'randomCrop',
    );
  // Integer offsets; boxes in cropAndResize's normalised coordinates land exactly on pixel centres.
  const boxes = draws.map(([u, v]) => {
    const top = Math.floor((u as number) * (h - ch + 1));
    const left = Math.floor((v as number) * (w - cw + 1));
    return [
      top / Math.max(h - 1, 1),
      left / Math.max(w - 1, 1),
      (top + ch - 1) / Math.max(h - 1, 1),
      (left + cw - 1) / Math.max(w - 1, 1),
    ];
  });
  return tf.image.cropAndResize(
    x,
    tf.tensor2d(boxes, [n, 4]),
    tf.range(0, n, 1, 'int32') as tf.Tensor1D,
    [ch, cw],
    'bilinear',
  );
}

/**
 * One-shot augmentation of an image batch with a seed.
 * @example
 * ```ts
 * const out = augmentImages(images, { horizontalFlip: true, widthShiftRange: 0.1 }, { seed: 7 });
 * ```
 * @throws {ValidationError} for invalid ranges; {@link ShapeError} for images of the wrong rank.
 */
export function augmentImages<T extends tf.Tensor3D | tf.Tensor4D>(
  images: T,
  config: AugmentationConfig,
  options: { seed?: number; fused?: boolean } = {},
): T {
  return createImageAugmenter(config, options).apply(images, { fused: options.fused ?? true });
}
