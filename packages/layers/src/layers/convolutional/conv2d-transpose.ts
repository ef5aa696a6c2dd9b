import type * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, resolveActivation } from '../../activations/activation.js';
import { checkLastDim, lastDim, requireRank, singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { conv2dTranspose } from '../../ops/convolution.js';
import { type KernelWeightConfig, kernelWeightDefaults } from '../core/dense.js';
import { type ConvWindow, type ConvWindowConfig, convWindow, filtersOf } from './conv-config.js';

/** Config of {@link Conv2DTranspose}. */
export interface Conv2DTransposeConfig extends LayerConfig, KernelWeightConfig, ConvWindowConfig {
  filters: number;
  activation?: PluginSpec | null;
}

/**
 * Transposed 2-D convolution layer (Keras `Conv2DTranspose`, channels-last), the usual learned upsampling:
 * input `[b, h, w, in]`, kernel `[kh, kw, filters, in]`, bias `[filters]`. Output size per axis is
 * `in·stride` for `same` and `in·stride + max(k − stride, 0)` for `valid` (Keras's rule; no output padding).
 * @throws ValidationError for bad window options; ShapeError for inputs that are not rank 4
 * @see Dumoulin & Visin, "A guide to convolution arithmetic for deep learning" (2016)
 * @example
 * ```ts
 * const up = new Conv2DTranspose({ filters: 8, kernelSize: 3, strides: 2, padding: 'same' });
 * up.call(tf.zeros([1, 7, 7, 16])); // [1, 14, 14, 8]
 * ```
 */
export class Conv2DTranspose extends Layer<tf.Tensor> {
  readonly filters: number;
  readonly window: ConvWindow<'valid' | 'same'>;
  readonly activation: PluginSpec | null;
  readonly weightConfig: Required<KernelWeightConfig>;
  readonly #activationFn: ActivationFunction | null;
  #kernel: tf.Variable | null = null;
  #bias: tf.Variable | null = null;

  constructor(config: Conv2DTransposeConfig) {
    super('Conv2DTranspose', config);
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
      transposedLength(s[1] ?? null, k[0]!, strides[0]!, padding, d[0]!),
      transposedLength(s[2] ?? null, k[1]!, strides[1]!, padding, d[1]!),
      this.filters,
    ];
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const s = singleShape(inputShape, this.where('build'));
    requireRank(s, 4, this.where('build'));
    const c = this.weightConfig;
    const [kh, kw] = this.window.kernelSize as [number, number];
    this.#kernel = this.addWeight('kernel', [kh, kw, this.filters, lastDim(s, this.where('build'))], {
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
    checkLastDim(x, this.#kernel!.shape[3]!, this.where('call'));
    const { strides, padding, dilationRate } = this.window;
    return conv2dTranspose(
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

function transposedLength(
  n: number | null,
  window: number,
  stride: number,
  padding: string,
  dilation: number,
): number | null {
  if (n === null) return null;
  const effective = (window - 1) * dilation + 1;
  return padding === 'same' ? n * stride : n * stride + Math.max(effective - stride, 0);
}
