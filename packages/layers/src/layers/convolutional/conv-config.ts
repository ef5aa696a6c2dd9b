import { ValidationError } from '@tessera/core';
import { positiveInt } from '../../layer/config-checks.js';
import { type IntOrTuple, toTuple } from '../../ops/conv-utils.js';

/** Window options shared by the convolution layers (Keras names, channels-last). */
export interface ConvWindowConfig<P extends string = 'valid' | 'same'> {
  kernelSize: IntOrTuple;
  strides?: IntOrTuple;
  padding?: P;
  dilationRate?: IntOrTuple;
}

/** Resolved window options. @internal */
export interface ConvWindow<P extends string> {
  kernelSize: number[];
  strides: number[];
  padding: P;
  dilationRate: number[];
}

/**
 * Validates and expands the window options of an `n`-D convolution. Keras forbids strides > 1 together
 * with dilation > 1, and so does this.
 * @internal
 */
export function convWindow<P extends string>(
  config: ConvWindowConfig<P>,
  n: number,
  paddings: readonly P[],
  where: string,
): ConvWindow<P> {
  const kernelSize = toTuple(config.kernelSize, n, `${where}.kernelSize`);
  const strides = toTuple(config.strides ?? 1, n, `${where}.strides`);
  const dilationRate = toTuple(config.dilationRate ?? 1, n, `${where}.dilationRate`);
  const padding = (config.padding ?? 'valid') as P;
  if (!paddings.includes(padding)) {
    throw ValidationError.expected(
      paddings.map((p) => `'${p}'`).join(' | '),
      config.padding,
      `${where}.padding`,
    );
  }
  if (strides.some((s) => s > 1) && dilationRate.some((d) => d > 1)) {
    throw new ValidationError('strides > 1 cannot be combined with dilationRate > 1 (as in Keras)', {
      where,
    });
  }
  return { kernelSize, strides, padding, dilationRate };
}

/** Validates `filters`. @internal */
export function filtersOf(value: unknown, where: string): number {
  return positiveInt(value, `${where}.filters`);
}
