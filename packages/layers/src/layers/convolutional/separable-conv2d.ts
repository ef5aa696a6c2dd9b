import type * as tf from '@tensorflow/tfjs-core';
import type { ForwardContext, LayerInputs, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { separableConv2d } from '../../ops/convolution.js';
import { filtersOf } from './conv-config.js';
import { DepthwiseLayer, type DepthwiseLayerConfig } from './depthwise-layer.js';

/** Config of {@link SeparableConv2D}. */
export interface SeparableConv2DConfig extends DepthwiseLayerConfig {
  filters: number;
  pointwiseInitializer?: PluginSpec;
  pointwiseRegularizer?: PluginSpec | null;
  pointwiseConstraint?: PluginSpec | null;
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
export class SeparableConv2D extends DepthwiseLayer {
  readonly filters: number;
  readonly weightSpecs: Record<string, PluginSpec | null>;
  #depthwise: tf.Variable | null = null;
  #pointwise: tf.Variable | null = null;
  #bias: tf.Variable | null = null;

  constructor(config: SeparableConv2DConfig) {
    super('SeparableConv2D', config);
    this.filters = filtersOf(config.filters, this.where('config'));
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

  protected outputChannels(): number {
    return this.filters;
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const channels = this.inputChannels(inputShape);
    const w = this.weightSpecs;
    this.#depthwise = this.addDepthwiseKernel('depthwise_kernel', channels, {
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
    const x = this.checkedInput(inputs, this.#depthwise!.shape[2]!);
    return separableConv2d(
      x,
      this.#depthwise as unknown as tf.Tensor4D,
      this.#pointwise as unknown as tf.Tensor4D,
      this.#bias as tf.Tensor1D | null,
      this.convOptions(),
      this.activationFn,
    );
  }

  protected layerConfig(): Record<string, unknown> {
    return { filters: this.filters, ...this.depthwiseConfig(), ...this.weightSpecs };
  }
}
