import type * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, resolveActivation } from '../../activations/activation.js';
import { checkLastDim, lastDim, requireRank, singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { convOutputLength } from '../../ops/conv-utils.js';
import { conv1d } from '../../ops/convolution.js';
import { type KernelWeightConfig, kernelWeightDefaults } from '../core/dense.js';
import { type ConvWindow, type ConvWindowConfig, convWindow, filtersOf } from './conv-config.js';

/** Config of {@link Conv1D}. */
export interface Conv1DConfig
  extends LayerConfig,
    KernelWeightConfig,
    ConvWindowConfig<'valid' | 'same' | 'causal'> {
  filters: number;
  activation?: PluginSpec | null;
}

/**
 * 1-D convolution layer (Keras `Conv1D`): input `[b, steps, in]`, kernel `[k, in, filters]`, bias
 * `[filters]`; `causal` padding makes output step t depend on inputs ≤ t only (WaveNet).
 * @throws ValidationError for bad window options; ShapeError for inputs that are not rank 3
 * @see van den Oord et al., "WaveNet" (2016) for causal dilated convolutions
 * @example
 * ```ts
 * const conv = new Conv1D({ filters: 16, kernelSize: 3, padding: 'causal', dilationRate: 2 });
 * ```
 */
export class Conv1D extends Layer<tf.Tensor> {
  readonly filters: number;
  readonly window: ConvWindow<'valid' | 'same' | 'causal'>;
  readonly activation: PluginSpec | null;
  readonly weightConfig: Required<KernelWeightConfig>;
  readonly #activationFn: ActivationFunction | null;
  #kernel: tf.Variable | null = null;
  #bias: tf.Variable | null = null;

  constructor(config: Conv1DConfig) {
    super('Conv1D', config);
    this.filters = filtersOf(config.filters, this.where('config'));
    this.window = convWindow(config, 1, ['valid', 'same', 'causal'], this.where('config'));
    this.activation = config.activation ?? null;
    this.#activationFn = resolveActivation(this.activation, undefined, this.where('activation'));
    this.weightConfig = kernelWeightDefaults(config, this.where('config'));
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const s = singleShape(inputShape, this.where('computeOutputShape'));
    requireRank(s, 3, this.where('computeOutputShape'));
    const { kernelSize, strides, padding, dilationRate } = this.window;
    const steps = convOutputLength(s[1] ?? null, kernelSize[0]!, strides[0]!, padding, dilationRate[0]);
    return [s[0] ?? null, steps, this.filters];
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const s = singleShape(inputShape, this.where('build'));
    requireRank(s, 3, this.where('build'));
    const c = this.weightConfig;
    this.#kernel = this.addWeight(
      'kernel',
      [this.window.kernelSize[0]!, lastDim(s, this.where('build')), this.filters],
      {
        initializer: c.kernelInitializer,
        regularizer: c.kernelRegularizer,
        constraint: c.kernelConstraint,
      },
    );
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
    requireRank(x.shape, 3, this.where('call'));
    checkLastDim(x, this.#kernel!.shape[1]!, this.where('call'));
    const { strides, padding, dilationRate } = this.window;
    return conv1d(
      x as tf.Tensor3D,
      this.#kernel as unknown as tf.Tensor3D,
      this.#bias as tf.Tensor1D | null,
      { stride: strides[0]!, padding, dilationRate: dilationRate[0]! },
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
