import type * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, resolveActivation } from '../../activations/activation.js';
import { checkLastDim, lastDim, requireRank, singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { convOutputLength } from '../../ops/conv-utils.js';
import { conv2d } from '../../ops/convolution.js';
import { type KernelWeightConfig, kernelWeightDefaults } from '../core/dense.js';
import { type ConvWindow, type ConvWindowConfig, convWindow, filtersOf } from './conv-config.js';

/** Config of {@link Conv2D}. */
export interface Conv2DConfig extends LayerConfig, KernelWeightConfig, ConvWindowConfig {
  filters: number;
  activation?: PluginSpec | null;
}

/**
 * 2-D convolution layer (Keras `Conv2D`, channels-last): input `[b, h, w, in]`, kernel
 * `[kh, kw, in, filters]` (Glorot uniform), bias `[filters]`. Strides, `valid`/`same` padding and dilation.
 * @throws ValidationError for bad window options; ShapeError for inputs that are not rank 4
 * @see https://keras.io/api/layers/convolution_layers/convolution2d/
 * @example
 * ```ts
 * const conv = new Conv2D({ filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' });
 * conv.call(tf.zeros([8, 28, 28, 1])); // [8, 28, 28, 32]
 * ```
 */
export class Conv2D extends Layer<tf.Tensor> {
  readonly filters: number;
  readonly window: ConvWindow<'valid' | 'same'>;
  readonly activation: PluginSpec | null;
  readonly weightConfig: Required<KernelWeightConfig>;
  readonly #activationFn: ActivationFunction | null;
  #kernel: tf.Variable | null = null;
  #bias: tf.Variable | null = null;

  constructor(config: Conv2DConfig) {
    super('Conv2D', config);
    this.filters = filtersOf(config.filters, this.where('config'));
    this.window = convWindow(config, 2, ['valid', 'same'], this.where('config'));
    this.activation = config.activation ?? null;
    this.#activationFn = resolveActivation(this.activation, undefined, this.where('activation'));
    this.weightConfig = kernelWeightDefaults(config, this.where('config'));
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const s = singleShape(inputShape, this.where('computeOutputShape'));
    requireRank(s, 4, this.where('computeOutputShape'));
    const { kernelSize: k, strides, padding, dilationRate: d } = this.window;
    return [
      s[0] ?? null,
      convOutputLength(s[1] ?? null, k[0]!, strides[0]!, padding, d[0]),
      convOutputLength(s[2] ?? null, k[1]!, strides[1]!, padding, d[1]),
      this.filters,
    ];
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const s = singleShape(inputShape, this.where('build'));
    requireRank(s, 4, this.where('build'));
    const c = this.weightConfig;
    const [kh, kw] = this.window.kernelSize as [number, number];
    this.#kernel = this.addWeight('kernel', [kh, kw, lastDim(s, this.where('build')), this.filters], {
      initializer: c.kernelInitializer,
      regularizer: c.kernelRegularizer,
      constraint: c.kernelConstraint,
    });
    if (c.useBias) {
      this.#bias = this.addWeight('bias', [this.filters], {
        initializer: c.biasInitializer,
        regularizer: c.biasRegularizer,
        constraint: c.biasConstraint,
      });
    }
  }

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    requireRank(x.shape, 4, this.where('call'));
    checkLastDim(x, this.#kernel!.shape[2]!, this.where('call'));
    const { strides, padding, dilationRate } = this.window;
    return conv2d(
      x as tf.Tensor4D,
      this.#kernel as unknown as tf.Tensor4D,
      this.#bias as tf.Tensor1D | null,
      { strides: strides as [number, number], padding, dilationRate: dilationRate as [number, number] },
      this.#activationFn,
    );
  }

  protected layerConfig(): Record<string, unknown> {
    const { kernelSize, strides, padding, dilationRate } = this.window;
    return {
      filters: this.filters,
      kernelSize,
      strides,
      padding,
      dilationRate,
      activation: this.activation,
      ...this.weightConfig,
    };
  }
}
