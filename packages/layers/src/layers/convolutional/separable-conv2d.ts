import type * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, resolveActivation } from '../../activations/activation.js';
import { positiveInt } from '../../layer/config-checks.js';
import { checkLastDim, lastDim, requireRank, singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { convOutputLength } from '../../ops/conv-utils.js';
import { separableConv2d } from '../../ops/convolution.js';
import { type ConvWindow, type ConvWindowConfig, convWindow, filtersOf } from './conv-config.js';

/** Config of {@link SeparableConv2D}. */
export interface SeparableConv2DConfig extends LayerConfig, ConvWindowConfig {
  filters: number;
  depthMultiplier?: number;
  activation?: PluginSpec | null;
  useBias?: boolean;
  depthwiseInitializer?: PluginSpec;
  pointwiseInitializer?: PluginSpec;
  biasInitializer?: PluginSpec;
  depthwiseRegularizer?: PluginSpec | null;
  pointwiseRegularizer?: PluginSpec | null;
  biasRegularizer?: PluginSpec | null;
  depthwiseConstraint?: PluginSpec | null;
  pointwiseConstraint?: PluginSpec | null;
  biasConstraint?: PluginSpec | null;
}

/**
 * Depthwise-separable 2-D convolution layer (Keras `SeparableConv2D`): a depthwise convolution then a
 * `1×1` pointwise one. Weights `depthwise_kernel` `[kh, kw, in, depthMultiplier]`, `pointwise_kernel`
 * `[1, 1, in·depthMultiplier, filters]`, `bias` `[filters]`.
 * @throws ValidationError for bad window options; ShapeError for inputs that are not rank 4
 * @see Chollet, "Xception" (2017)
 * @example
 * ```ts
 * const sep = new SeparableConv2D({ filters: 64, kernelSize: 3, padding: 'same' });
 * ```
 */
export class SeparableConv2D extends Layer<tf.Tensor> {
  readonly filters: number;
  readonly window: ConvWindow<'valid' | 'same'>;
  readonly depthMultiplier: number;
  readonly activation: PluginSpec | null;
  readonly useBias: boolean;
  readonly weightSpecs: Record<string, PluginSpec | null>;
  readonly #activationFn: ActivationFunction | null;
  #depthwise: tf.Variable | null = null;
  #pointwise: tf.Variable | null = null;
  #bias: tf.Variable | null = null;

  constructor(config: SeparableConv2DConfig) {
    super('SeparableConv2D', config);
    this.filters = filtersOf(config.filters, this.where('config'));
    this.window = convWindow(config, 2, ['valid', 'same'], this.where('config'));
    this.depthMultiplier = positiveInt(config.depthMultiplier ?? 1, this.where('depthMultiplier'));
    this.activation = config.activation ?? null;
    this.#activationFn = resolveActivation(this.activation, undefined, this.where('activation'));
    this.useBias = config.useBias ?? true;
    this.weightSpecs = {
      depthwiseInitializer: config.depthwiseInitializer ?? 'glorotUniform',
      pointwiseInitializer: config.pointwiseInitializer ?? 'glorotUniform',
      biasInitializer: config.biasInitializer ?? 'zeros',
      depthwiseRegularizer: config.depthwiseRegularizer ?? null,
      pointwiseRegularizer: config.pointwiseRegularizer ?? null,
      biasRegularizer: config.biasRegularizer ?? null,
      depthwiseConstraint: config.depthwiseConstraint ?? null,
      pointwiseConstraint: config.pointwiseConstraint ?? null,
      biasConstraint: config.biasConstraint ?? null,
    };
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
    const channels = lastDim(s, this.where('build'));
    const [kh, kw] = this.window.kernelSize as [number, number];
    const w = this.weightSpecs;
    this.#depthwise = this.addWeight('depthwise_kernel', [kh, kw, channels, this.depthMultiplier], {
      initializer: w.depthwiseInitializer!,
      regularizer: w.depthwiseRegularizer,
      constraint: w.depthwiseConstraint,
    });
    this.#pointwise = this.addWeight(
      'pointwise_kernel',
      [1, 1, channels * this.depthMultiplier, this.filters],
      {
        initializer: w.pointwiseInitializer!,
        regularizer: w.pointwiseRegularizer,
        constraint: w.pointwiseConstraint,
      },
    );
    if (this.useBias) {
      this.#bias = this.addWeight('bias', [this.filters], {
        initializer: w.biasInitializer!,
        regularizer: w.biasRegularizer,
        constraint: w.biasConstraint,
      });
    }
  }

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    requireRank(x.shape, 4, this.where('call'));
    checkLastDim(x, this.#depthwise!.shape[2]!, this.where('call'));
    const { strides, padding, dilationRate } = this.window;
    return separableConv2d(
      x as tf.Tensor4D,
      this.#depthwise as unknown as tf.Tensor4D,
      this.#pointwise as unknown as tf.Tensor4D,
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
      depthMultiplier: this.depthMultiplier,
      activation: this.activation,
      useBias: this.useBias,
      ...this.weightSpecs,
    };
  }
}
