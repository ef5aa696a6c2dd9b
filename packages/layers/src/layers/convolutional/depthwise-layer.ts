import type * as tf from '@tensorflow/tfjs-core';
import { type ActivationFunction, resolveActivation } from '../../activations/activation.js';
import { positiveInt } from '../../layer/config-checks.js';
import { checkLastDim, lastDim, requireRank, singleInput, singleShape } from '../../layer/layer-inputs.js';
import { type AddWeightOptions, Layer } from '../../layer/layer.js';
import type { LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { convOutputLength } from '../../ops/conv-utils.js';
import { type ConvWindow, type ConvWindowConfig, convWindow } from './conv-config.js';

/** Config shared by the layers built on a depthwise 2-D convolution. */
export interface DepthwiseLayerConfig extends LayerConfig, ConvWindowConfig {
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
 * What `DepthwiseConv2D` and `SeparableConv2D` share (channels last, rank-4 inputs): the window, the depth
 * multiplier, the activation and bias options, the `[kh, kw, in, depthMultiplier]` depthwise kernel, input
 * checks, the output's spatial shape and the saved config. A subclass says how many channels come out and
 * how to convolve.
 */
export abstract class DepthwiseLayer extends Layer<tf.Tensor> {
  readonly window: ConvWindow<'valid' | 'same'>;
  readonly depthMultiplier: number;
  readonly activation: PluginSpec | null;
  readonly useBias: boolean;
  /** The resolved `activation`, for the convolution to fuse. */
  protected readonly activationFn: ActivationFunction | null;

  protected constructor(className: string, config: DepthwiseLayerConfig) {
    super(className, config);
    this.window = convWindow(config, 2, ['valid', 'same'], this.where('config'));
    this.depthMultiplier = positiveInt(config.depthMultiplier ?? 1, this.where('depthMultiplier'));
    this.activation = config.activation ?? null;
    this.activationFn = resolveActivation(this.activation, undefined, this.where('activation'));
    this.useBias = config.useBias ?? true;
  }

  /** The output channels for `inChannels` input channels (`null` when unknown). */
  protected abstract outputChannels(inChannels: number | null): number | null;

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    const s = singleShape(inputShape, this.where('computeOutputShape'));
    requireRank(s, 4, this.where('computeOutputShape'));
    const { kernelSize: k, strides, padding, dilationRate: d } = this.window;
    return [
      s[0] ?? null,
      convOutputLength(s[1] ?? null, k[0]!, strides[0]!, padding, d[0]),
      convOutputLength(s[2] ?? null, k[1]!, strides[1]!, padding, d[1]),
      this.outputChannels(s[3] ?? null),
    ];
  }

  /** The input channels of a build shape, checked to be rank 4 with a known last axis. */
  protected inputChannels(inputShape: Shape | readonly Shape[]): number {
    const s = singleShape(inputShape, this.where('build'));
    requireRank(s, 4, this.where('build'));
    return lastDim(s, this.where('build'));
  }

  /** Adds the `[kh, kw, channels, depthMultiplier]` depthwise kernel under `name`. */
  protected addDepthwiseKernel(name: string, channels: number, spec: AddWeightOptions): tf.Variable {
    const [kh, kw] = this.window.kernelSize as [number, number];
    return this.addWeight(name, [kh, kw, channels, this.depthMultiplier], spec);
  }

  /** The single rank-4 input of a call, checked to have `channels` channels. */
  protected checkedInput(inputs: LayerInputs, channels: number): tf.Tensor4D {
    const x = singleInput(inputs, this.where('call'));
    requireRank(x.shape, 4, this.where('call'));
    checkLastDim(x, channels, this.where('call'));
    return x as tf.Tensor4D;
  }

  /** The window as the convolution ops take it. */
  protected convOptions(): {
    strides: [number, number];
    padding: 'valid' | 'same';
    dilationRate: [number, number];
  } {
    const { strides, padding, dilationRate } = this.window;
    return {
      strides: strides as [number, number],
      padding,
      dilationRate: dilationRate as [number, number],
    };
  }

  /** The saved config's window, depth multiplier, activation and bias entries. */
  protected depthwiseConfig(): Record<string, unknown> {
    const { kernelSize, strides, padding, dilationRate } = this.window;
    return {
      kernelSize,
      strides,
      padding,
      dilationRate,
      depthMultiplier: this.depthMultiplier,
      activation: this.activation,
      useBias: this.useBias,
    };
  }
}
