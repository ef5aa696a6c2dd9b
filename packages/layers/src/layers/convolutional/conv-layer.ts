import type * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, resolveActivation } from '../../activations/activation.js';
import { checkLastDim, lastDim, requireRank, singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { convOutputLength } from '../../ops/conv-utils.js';
import { type KernelWeightConfig, kernelWeightDefaults } from '../core/dense.js';
import { type ConvWindow, type ConvWindowConfig, convWindow, filtersOf } from './conv-config.js';

/** The paddings a convolution layer may accept (`causal` is for 1-D only). */
export type ConvPadding = 'valid' | 'same' | 'causal';

/** Config of the convolution layers with a `[…kernelSize, in, filters]`-style kernel and a bias. */
export interface ConvLayerConfig<P extends ConvPadding = 'valid' | 'same'>
  extends LayerConfig,
    KernelWeightConfig,
    ConvWindowConfig<P> {
  filters: number;
  activation?: PluginSpec | null;
}

/**
 * What `Conv1D`, `Conv2D` and `Conv2DTranspose` share (channels last): the filters, window and weight
 * options, the kernel and bias, shape checks, the output shape and the saved config. A subclass says how to
 * convolve; a transposed convolution also overrides the output length and the kernel's layout. Extend it for
 * a convolution layer of your own.
 * @example
 * ```ts
 * // A 2-D convolution whose kernel is scaled by its fan-in on every call (weight scaling, as in StyleGAN):
 * class ScaledConv2D extends ConvLayer {
 *   constructor(config: ConvLayerConfig) { super('ScaledConv2D', config, 2, ['valid', 'same']); }
 *   protected convolve(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | null) {
 *     const scale = 1 / Math.sqrt(kernel.size / this.filters);
 *     return conv2d(x as tf.Tensor4D, tf.mul(kernel, scale) as tf.Tensor4D, bias as tf.Tensor1D | null,
 *       { strides: this.window.strides as [number, number], padding: this.window.padding }, this.activationFn);
 *   }
 * }
 * ```
 */
export abstract class ConvLayer<P extends ConvPadding = 'valid' | 'same'> extends Layer<tf.Tensor> {
  readonly filters: number;
  readonly window: ConvWindow<P>;
  readonly activation: PluginSpec | null;
  readonly weightConfig: Required<KernelWeightConfig>;
  /** The resolved `activation`, for `convolve` to fuse. */
  protected readonly activationFn: ActivationFunction | null;
  readonly #rank: number;
  #kernel: tf.Variable | null = null;
  #bias: tf.Variable | null = null;

  protected constructor(
    className: string,
    config: ConvLayerConfig<P>,
    spatialAxes: 1 | 2,
    paddings: readonly P[],
  ) {
    super(className, config);
    this.filters = filtersOf(config.filters, this.where('config'));
    this.window = convWindow(config, spatialAxes, paddings, this.where('config'));
    this.activation = config.activation ?? null;
    this.activationFn = resolveActivation(this.activation, undefined, this.where('activation'));
    this.weightConfig = kernelWeightDefaults(config, this.where('config'));
    this.#rank = spatialAxes + 2;
  }

  /** Convolves a checked input with the kernel, adds the bias (when there is one) and activates. */
  protected abstract convolve(x: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor | null): tf.Tensor;

  /** The output length of spatial axis `axis` for an input length `size` (Keras's rule for convolutions). */
  protected outputLength(size: number | null, axis: number): number | null {
    const { kernelSize, strides, padding, dilationRate } = this.window;
    return convOutputLength(size, kernelSize[axis]!, strides[axis]!, padding, dilationRate[axis]);
  }

  /** The kernel's shape for `inChannels` input channels: `[...kernelSize, inChannels, filters]`. */
  protected kernelShape(inChannels: number): number[] {
    return [...this.window.kernelSize, inChannels, this.filters];
  }

  /** The kernel axis that holds the input channels (checked against the input's last axis). */
  protected inputChannelAxis(): number {
    return this.#rank - 2;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const s = singleShape(inputShape, this.where('computeOutputShape'));
    requireRank(s, this.#rank, this.where('computeOutputShape'));
    const spatial = this.window.kernelSize.map((_, i) => this.outputLength(s[i + 1] ?? null, i));
    return [s[0] ?? null, ...spatial, this.filters];
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const s = singleShape(inputShape, this.where('build'));
    requireRank(s, this.#rank, this.where('build'));
    const c = this.weightConfig;
    this.#kernel = this.addWeight('kernel', this.kernelShape(lastDim(s, this.where('build'))), {
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
    requireRank(x.shape, this.#rank, this.where('call'));
    checkLastDim(x, this.#kernel!.shape[this.inputChannelAxis()]!, this.where('call'));
    return this.convolve(x, this.#kernel!, this.#bias);
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
