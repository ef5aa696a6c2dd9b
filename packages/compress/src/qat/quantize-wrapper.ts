import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import type { ForwardContext, LayerInputs, Shape } from '@tessera/layers';
import { fakeQuantize } from '../quantize/fake-quantize.js';
import { LayerWrapper, type LayerWrapperConfig } from '../wrap/layer-wrapper.js';
import { type KernelForward, kernelForwardOf, QUANTIZABLE_KERNEL_LAYERS } from './quantized-forward.js';

/** Config of {@link QuantizeWrapper}. */
export interface QuantizeWrapperConfig extends LayerWrapperConfig {
  /** Fake-quantise the layer's output with a moving-average range (default true). */
  quantizeOutput?: boolean;
  /** Momentum of the output range's moving average (default 0.99). */
  rangeMomentum?: number;
}

const EPSILON = 2 ** -23;

/** Per-output-channel symmetric int8 fake quantisation of a kernel (channels on the last axis). */
function fakeQuantizeKernel(kernel: tf.Tensor): tf.Tensor {
  const axes = kernel.shape.slice(0, -1).map((_, i) => i);
  const scale = tf.maximum(tf.div(tf.max(tf.abs(kernel), axes), 127), EPSILON);
  return fakeQuantize(kernel, scale, tf.zerosLike(scale), { quantMin: -127, quantMax: 127 });
}

/** Affine int8 fake quantisation over `[min(lo, 0), max(hi, 0)]`, zero point nudged to an integer. */
function fakeQuantizeRange(x: tf.Tensor, lo: tf.Tensor, hi: tf.Tensor): tf.Tensor {
  const low = tf.minimum(lo, 0);
  const scale = tf.maximum(tf.div(tf.sub(tf.maximum(hi, 0), low), 255), EPSILON);
  const zeroPoint = tf.clipByValue(tf.round(tf.sub(-128, tf.div(low, scale))), -128, 127);
  return fakeQuantize(x, scale, zeroPoint, { quantMin: -128, quantMax: 127 });
}

/**
 * Wraps a layer for quantisation-aware training (TF-MOT's `QuantizeWrapper`): in every forward pass the
 * kernel of a `Dense` or `Conv2D` is fake-quantised per output channel (symmetric int8, as post-training
 * quantisation will store it), and the output is fake-quantised to int8 over a moving-average range, kept
 * in the non-trainable weights `output_min` / `output_max`. Gradients pass straight through the rounding
 * ({@link fakeQuantize}), so the float weights learn to sit well on the int8 grid. Layers without weights
 * (pooling, flatten) only get their output quantised.
 *
 * @throws ValidationError when the layer has weights but is not Dense or Conv2D, or for a bad momentum
 * @see Jacob et al., "Quantization and Training of Neural Networks for Efficient Integer-Arithmetic-Only
 * Inference", CVPR 2018
 * @example
 * ```ts
 * const qat = new QuantizeWrapper({ layer: new Dense({ units: 10 }) });
 * ```
 */
export class QuantizeWrapper extends LayerWrapper {
  readonly quantizeOutput: boolean;
  readonly rangeMomentum: number;
  #kernelForward: KernelForward | null = null;
  #range: { min: tf.Variable; max: tf.Variable; seen: tf.Variable } | null = null;

  constructor(config: QuantizeWrapperConfig) {
    super('QuantizeWrapper', config);
    this.quantizeOutput = config.quantizeOutput ?? true;
    this.rangeMomentum = config.rangeMomentum ?? 0.99;
    if (!(this.rangeMomentum >= 0 && this.rangeMomentum < 1))
      throw ValidationError.expected('a momentum in [0, 1)', this.rangeMomentum, this.where('rangeMomentum'));
  }

  protected wrapperWeights(_inputShape: Shape | readonly Shape[]): void {
    this.#kernelForward = kernelForwardOf(this.layer);
    if (!this.#kernelForward && this.layer.weights.length > 0) {
      throw ValidationError.expected(
        `a layer without weights or one of ${QUANTIZABLE_KERNEL_LAYERS.join(', ')}`,
        this.layer.className,
        this.where('build'),
      );
    }
    if (this.quantizeOutput) {
      const opts = { initializer: 'zeros', trainable: false } as const;
      this.#range = {
        min: this.addWeight('output_min', [1], opts),
        max: this.addWeight('output_max', [1], opts),
        seen: this.addWeight('output_range_set', [1], opts),
      };
    }
  }

  protected wrappedForward(inputs: LayerInputs, context: ForwardContext): tf.Tensor | tf.Tensor[] {
    let out: tf.Tensor;
    if (this.#kernelForward) {
      const kernel = this.layer.weights.find((w) => w.name === 'kernel')!.variable;
      const x = inputs instanceof tf.Tensor ? inputs : inputs[0];
      if (!(x instanceof tf.Tensor) || (Array.isArray(inputs) && inputs.length !== 1))
        throw ValidationError.expected('one input tensor', inputs, this.where('call'));
      out = this.#kernelForward(x, fakeQuantizeKernel(kernel));
    } else {
      const inner = this.callInner(inputs, context);
      if (Array.isArray(inner)) return inner;
      out = inner;
    }
    if (!this.#range) return out;
    const { min, max, seen } = this.#range;
    const batchMin = tf.reshape(tf.min(out), [1]);
    const batchMax = tf.reshape(tf.max(out), [1]);
    // Before the first training batch the stored range is empty: use the batch's own.
    const known = tf.greater(seen, 0);
    let lo = tf.where(known, min, batchMin);
    let hi = tf.where(known, max, batchMax);
    if (context.training) {
      const m = this.rangeMomentum;
      lo = tf.where(known, tf.add(tf.mul(min, m), tf.mul(batchMin, 1 - m)), batchMin);
      hi = tf.where(known, tf.add(tf.mul(max, m), tf.mul(batchMax, 1 - m)), batchMax);
      min.assign(lo);
      max.assign(hi);
      seen.assign(tf.onesLike(seen));
    }
    return fakeQuantizeRange(out, lo, hi);
  }

  protected wrapperConfig(): Record<string, unknown> {
    return { quantizeOutput: this.quantizeOutput, rangeMomentum: this.rangeMomentum };
  }
}
