import * as tf from '@tensorflow/tfjs-core';
import { EMBEDDED_DATASET_ATTRIBUTION } from './attribution.js';
import { digitsGz } from './generated/digits.js';
import { loadNumericTable } from './tabular.js';

/** The 8×8 digits as flat typed arrays (no tensors). */
export interface DigitsData {
  /** 1797 × 8 × 8 × 1 grey values 0..16, row-major (NHWC). */
  images: Float32Array;
  /** Digit 0..9 per image. */
  labels: Int32Array;
  /** `[1797, 8, 8, 1]`. */
  shape: [number, number, number, number];
  numClasses: 10;
  attribution: string;
}

/**
 * The 8×8 handwritten digits (1797 images, 10 classes, pixel values 0..16) as typed arrays. Embedded in the
 * package: no network, works in browsers.
 * @example
 * ```ts
 * const { images, labels, shape } = loadDigitsData(); // shape [1797, 8, 8, 1]
 * ```
 * @see https://archive.ics.uci.edu/dataset/80/optical+recognition+of+handwritten+digits
 */
export function loadDigitsData(): DigitsData {
  const rows = loadNumericTable(digitsGz, 'digits', ',');
  const images = new Float32Array(rows.length * 64);
  const labels = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    images.set(row.slice(0, 64), i * 64);
    labels[i] = row[64] as number;
  });
  return {
    images,
    labels,
    shape: [rows.length, 8, 8, 1],
    numClasses: 10,
    attribution: EMBEDDED_DATASET_ATTRIBUTION.digits,
  };
}

/**
 * The 8×8 digits as tensors: `images` `[1797, 8, 8, 1]` float32 in 0..16, `labels` `[1797]` int32. The
 * caller owns both (dispose them).
 * @example
 * ```ts
 * const { images, labels } = loadDigits();
 * const scaled = images.div(16); // 0..1
 * ```
 */
export function loadDigits(): { images: tf.Tensor4D; labels: tf.Tensor1D } {
  const data = loadDigitsData();
  return {
    images: tf.tensor4d(data.images, data.shape, 'float32'),
    labels: tf.tensor1d(data.labels, 'int32'),
  };
}
