import type * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, resolveActivation } from '../../activations/activation.js';
import { positiveInt } from '../../layer/config-checks.js';
import { checkLastDim, lastDim, requireRank, singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { convOutputLength } from '../../ops/conv-utils.js';
import { depthwiseConv2d } from '../../ops/convolution.js';
import { type ConvWindow, type ConvWindowConfig, convWindow } from './conv-config.js';

/** Config of {@link DepthwiseConv2D}. */
export interface DepthwiseConv2DConfig extends LayerConfig, ConvWindowConfig {
  depthMultiplier?: number;
  activation?: PluginSpec | null;
  useBias?: boolean;
  depthwiseInitializer?: PluginSpec;
  biasInitializer?: PluginSpec;
  depthwiseRegularizer?: PluginSpec | null;
  biasRegularizer?: PluginSpec | null;
  depthwiseConstraint?: PluginSpec | null;
  biasConstraint?: PluginSpec | null;
}

/**
 * Depthwise 2-D convolution layer (Keras `DepthwiseConv2D`): each input channel gets `depthMultiplier`
 * filters of its own. Weights `kernel` `[kh, kw, in, depthMultiplier]`, `bias` `[in·depthMultiplier]`.
 * @throws ValidationError for bad window options; ShapeError for inputs that are not rank 4
 * @see Howard et al., "MobileNets" (2017)
 * @example
 * ```ts
 * const dw = new DepthwiseConv2D({ kernelSize: 3, padding: 'same', depthMultiplier: 2 });
 * ```
 */
export class DepthwiseConv2D extends Layer<tf.Tensor> {
  readonly window: ConvWindow<'valid' | 'same'>;
  readonly depthMultiplier: number;
  readonly activation: PluginSpec | null;
  readonly useBias: boolean;
  readonly weightSpecs: {
    depthwiseInitializer: PluginSpec;
    biasInitializer: PluginSpec;
    depthwiseRegularizer: PluginSpec | null;
    biasRegularizer: PluginSpec | null;
    depthwiseConstraint: PluginSpec | null;
    biasConstraint: PluginSpec | null;
  };
  readonly #activationFn: ActivationFunction | null;
  #kernel: tf.Variable | null = null;
  #bias: tf.Variable | null = null;

  constructor(config: DepthwiseConv2DConfig) {
    super('DepthwiseConv2D', config);
    this.window = convWindow(config, 2, ['valid', 'same'], this.where('config'));
    this.depthMultiplier = positiveInt(config.depthMultiplier ?? 1, this.where('depthMultiplier'));
    this.activation = config.activation ?? null;
    this.#activationFn = resolveActivation(this.activation, undefined, this.where('activation'));
    this.useBias = config.useBias ?? true;
    this.weightSpecs = {
      depthwiseInitializer: config.depthwiseInitializer ?? 'glorotUniform',
      biasInitializer: config.biasInitializer ?? 'zeros',
      depthwiseRegularizer: config.depthwiseRegularizer ?? null,
      biasRegularizer: config.biasRegularizer ?? null,
      depthwiseConstraint: config.depthwiseConstraint ?? null,
      biasConstraint: config.biasConstraint ?? null,
    };
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const s = singleShape(inputShape, this.where('computeOutputShape'));
    requireRank(s, 4, this.where('computeOutputShape'));
    const { kernelSize: k, strides, padding, dilationRate: d } = this.window;
    const channels = s[3] ?? null;
    return [
      s[0] ?? null,
      convOutputLength(s[1] ?? null, k[0]!, strides[0]!, padding, d[0]),
      convOutputLength(s[2] ?? null, k[1]!, strides[1]!, padding, d[1]),
      channels === null ? null : channels * this.depthMultiplier,
    ];
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const s = singleShape(inputShape, this.where('build'));
    requireRank(s, 4, this.where('build'));
    const channels = lastDim(s, this.where('build'));
    const [kh, kw] = this.window.kernelSize as [number, number];
    const w = this.weightSpecs;
    this.#kernel = this.addWeight('kernel', [kh, kw, channels, this.depthMultiplier], {
      initializer: w.depthwiseInitializer,
      regularizer: w.depthwiseRegularizer,
      constraint: w.depthwiseConstraint,
    });
    if (this.useBias) {
      this.#bias = this.addWeight('bias', [channels * this.depthMultiplier], {
        initializer: w.biasInitializer,
        regularizer: w.biasRegularizer,
        constraint: w.biasConstraint,
      });
    }
  }

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    requireRank(x.shape, 4, this.where('call'));
    checkLastDim(x, this.#kernel!.shape[2]!, this.where('call'));
    const { strides, padding, dilationRate } = this.window;
    return depthwiseConv2d(
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
