import type * as tf from '@tensorflow/tfjs-core';

/** Padding as `tf.conv2d` takes it. */
export type ConvPad = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;

/** One 2-D convolution case of the gradient-kernel tests: NHWC input and HWIO filter shapes. */
export interface ConvCase {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number | [number, number];
  pad: ConvPad;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  /** Also run the kernel with NCHW inputs. */
  nchw?: boolean;
}
