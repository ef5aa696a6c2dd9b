import type * as tf from '@tensorflow/tfjs-core';
import { requireRank, singleInput, singleMask, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import { convOutputLength } from '../../ops/conv-utils.js';
import { type GlobalPoolingConfig, globalPoolMasked, globalPoolShape, keepDimsOf } from './global-pooling.js';
import { type PoolingConfig, type PoolWindow, poolWindow } from './pool-config.js';

/**
 * What the windowed pooling layers share (channels last, `spatialAxes` axes between batch and channels):
 * the window config, shape checks and output shape. A subclass only says how to pool; extend it for a
 * pooling layer of your own.
 * @example
 * ```ts
 * class L2Pooling1D extends PoolingLayer {
 *   constructor(config = {}) { super('L2Pooling1D', config, 1); }
 *   protected pool(x, { poolSize, strides, padding }) {
 *     return tf.sqrt(avgPool1d(tf.square(x), { poolSize: poolSize[0]!, stride: strides[0]!, padding }));
 *   }
 * }
 * ```
 */
export abstract class PoolingLayer extends Layer<tf.Tensor> {
  readonly window: PoolWindow;
  readonly #rank: number;

  protected constructor(className: string, config: LayerConfig & PoolingConfig, spatialAxes: 1 | 2) {
    super(className, config);
    this.window = poolWindow(config, spatialAxes, this.where('config'));
    this.#rank = spatialAxes + 2;
  }

  /** Pools a checked input of rank `spatialAxes + 2`. */
  protected abstract pool(x: tf.Tensor, window: PoolWindow): tf.Tensor;

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const s = singleShape(inputShape, this.where('computeOutputShape'));
    requireRank(s, this.#rank, this.where('computeOutputShape'));
    const { poolSize, strides, padding } = this.window;
    const spatial = poolSize.map((size, i) => convOutputLength(s[i + 1] ?? null, size, strides[i]!, padding));
    return [s[0] ?? null, ...spatial, s[this.#rank - 1] ?? null];
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    requireRank(x.shape, this.#rank, this.where('call'));
    return this.pool(x, this.window);
  }

  protected layerConfig(): Record<string, unknown> {
    return { ...this.window };
  }
}

/**
 * What the global pooling layers share: pooling every axis between batch and channels of a rank-`rank`
 * input, by `mode`; `masked` layers average only the steps a `[b, steps]` mask keeps (Keras). The output
 * carries no mask.
 * @example
 * ```ts
 * // Keras's GlobalAveragePooling1D under another name, keeping the pooled axis:
 * class MeanOverSteps extends GlobalPoolingLayer {
 *   constructor(config = {}) { super('MeanOverSteps', { keepDims: true, ...config }, { rank: 3, mode: 'avg', masked: true }); }
 * }
 * ```
 */
export abstract class GlobalPoolingLayer extends Layer<tf.Tensor> {
  readonly keepDims: boolean;
  readonly #rank: 3 | 4;
  readonly #mode: 'avg' | 'max';
  readonly #masked: boolean;

  protected constructor(
    className: string,
    config: LayerConfig & GlobalPoolingConfig,
    pooling: { rank: 3 | 4; mode: 'avg' | 'max'; masked?: boolean },
  ) {
    super(className, config);
    this.keepDims = keepDimsOf(config, this.where('config'));
    this.#rank = pooling.rank;
    this.#mode = pooling.mode;
    this.#masked = pooling.masked ?? false;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const where = this.where('computeOutputShape');
    return globalPoolShape(singleShape(inputShape, where), this.#rank, this.keepDims, where);
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    requireRank(x.shape, this.#rank, this.where('call'));
    const mask = this.#masked ? singleMask(context.mask) : null;
    return globalPoolMasked(x, this.#mode, this.keepDims, mask);
  }

  protected override maskFor(): null {
    return null;
  }

  protected layerConfig(): Record<string, unknown> {
    return { keepDims: this.keepDims };
  }
}
