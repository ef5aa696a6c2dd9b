import { ValidationError } from '@tessera/core';

/**
 * Random image augmentations (names follow Keras `ImageDataGenerator`). Geometric ones are combined into one
 * projective transform per image; colour ones act on pixel values.
 */
export interface AugmentationConfig {
  /** Flip left–right with probability ½. */
  horizontalFlip?: boolean;
  /** Flip upside-down with probability ½. */
  verticalFlip?: boolean;
  /** Rotation angle drawn uniformly in ±`rotationRange` degrees (counter-clockwise positive). */
  rotationRange?: number;
  /** Horizontal shift in ±`widthShiftRange` × width pixels. */
  widthShiftRange?: number;
  /** Vertical shift in ±`heightShiftRange` × height pixels. */
  heightShiftRange?: number;
  /** Shear angle in ±`shearRange` degrees. */
  shearRange?: number;
  /** Zoom factor drawn in `[1 − z, 1 + z]` (or the given `[lo, hi]`) independently per axis; < 1 magnifies. */
  zoomRange?: number | [number, number];
  /** Adds a value drawn in ±`brightnessDelta` (pixel units) to every pixel of an image. */
  brightnessDelta?: number;
  /** Scales each channel's deviation from its mean by a factor drawn in `[lo, hi]`. */
  contrastRange?: [number, number];
  /** Crops a random `[height, width]` window from each image (output size). */
  randomCrop?: [number, number];
  /** Multiplies pixels by this before anything else (e.g. 1/255). */
  rescale?: number;
  /** How pixels outside the input are filled (default `'nearest'`, as Keras). */
  fillMode?: 'constant' | 'reflect' | 'wrap' | 'nearest';
  fillValue?: number;
  interpolation?: 'bilinear' | 'nearest';
}

/** @internal Validates ranges once, at the public boundary. */
export function checkAugmentationConfig(config: AugmentationConfig, where: string): AugmentationConfig {
  if (config === null || typeof config !== 'object')
    throw ValidationError.expected('an augmentation config object', config, where);
  const nonNegative = [
    'rotationRange',
    'widthShiftRange',
    'heightShiftRange',
    'shearRange',
    'brightnessDelta',
  ] as const;
  for (const key of nonNegative) {
    const v = config[key];
    if (v !== undefined && !(typeof v === 'number' && v >= 0 && Number.isFinite(v)))
      throw ValidationError.expected(`${key} >= 0`, v, where);
  }
  const z = config.zoomRange;
  if (z !== undefined) {
    const [lo, hi] = typeof z === 'number' ? [1 - z, 1 + z] : z;
    if (!(lo > 0 && lo <= hi))
      throw ValidationError.expected('zoomRange giving factors 0 < lo <= hi', z, where);
  }
  const c = config.contrastRange;
  if (c !== undefined && !(c[0] >= 0 && c[0] <= c[1]))
    throw ValidationError.expected('contrastRange [lo, hi] with 0 <= lo <= hi', c, where);
  const crop = config.randomCrop;
  if (crop !== undefined && !crop.every((d) => Number.isInteger(d) && d > 0))
    throw ValidationError.expected('randomCrop [height, width] of positive integers', crop, where);
  return config;
}
