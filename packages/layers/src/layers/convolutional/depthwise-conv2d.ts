import type * as tf from '@tensorflow/tfjs-core';
import type { ForwardContext, LayerInputs, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { depthwiseConv2d } from '../../ops/convolution.js';
import { DepthwiseLayer, type DepthwiseLayerConfig } from './depthwise-layer.js';

/** Config of {@link DepthwiseConv2D}. */
export interface DepthwiseConv2DConfig extends DepthwiseLayerConfig {}

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
export class DepthwiseConv2D extends DepthwiseLayer {
  readonly weightSpecs: {
    depthwiseInitializer: PluginSpec;
    biasInitializer: PluginSpec;
    depthwiseRegularizer: PluginSpec | null;
    biasRegularizer: PluginSpec | null;
    depthwiseConstraint: PluginSpec | null;
    biasConstraint: PluginSpec | null;
  };
  #kernel: tf.Variable | null = null;
  #bias: tf.Variable | null = null;

  constructor(config: DepthwiseConv2DConfig) {
    super('DepthwiseConv2D', config);
    this.weightSpecs = {
      depthwiseInitializer: config.depthwiseInitializer ?? 'glorotUniform',
      biasInitializer: config.biasInitializer ?? 'zeros',
      depthwiseRegularizer: config.depthwiseRegularizer ?? null,
      biasRegularizer: config.biasRegularizer ?? null,
      depthwiseConstraint: config.depthwiseConstraint ?? null,
      biasConstraint: config.biasConstraint ?? null,
    };
  }

  protected outputChannels(inChannels: number | null): number | null {
    return inChannels === null ? null : inChannels * this.depthMultiplier;
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const channels = this.inputChannels(inputShape);
    const w = this.weightSpecs;
    this.#kernel = this.addDepthwiseKernel('kernel', channels, {
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
    const x = this.checkedInput(inputs, this.#kernel!.shape[2]!);
    return depthwiseConv2d(
      x,
      this.#kernel as unknown as tf.Tensor4D,
      this.#bias as tf.Tensor1D | null,
      this.convOptions(),
      this.activationFn,
    );
  }

  protected layerConfig(): Record<string, unknown> {
    return { ...this.depthwiseConfig(), ...this.weightSpecs };
  }
}
