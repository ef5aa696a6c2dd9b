import { type IntOrTuple, type Padding, toTuple } from '../../ops/conv-utils.js';
import { oneOf } from '../../layer/config-checks.js';

/** Config of the 1-D and 2-D pooling layers (Keras names). */
export interface PoolingConfig {
  /** Window size (default 2). */
  poolSize?: IntOrTuple;
  /** Step between windows; defaults to `poolSize`, as in Keras. */
  strides?: IntOrTuple | null;
  padding?: Padding;
}

/** Resolved pooling window. @internal */
export interface PoolWindow {
  poolSize: number[];
  strides: number[];
  padding: Padding;
}

/** Validates and expands a pooling config for `n` spatial axes. @internal */
export function poolWindow(config: PoolingConfig, n: number, where: string): PoolWindow {
  const poolSize = toTuple(config.poolSize ?? 2, n, `${where}.poolSize`);
  const strides =
    config.strides === null || config.strides === undefined
      ? poolSize
      : toTuple(config.strides, n, `${where}.strides`);
  const padding = oneOf(config.padding, ['valid', 'same'] as const, 'valid', `${where}.padding`);
  return { poolSize, strides, padding };
}
