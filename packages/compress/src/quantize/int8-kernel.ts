import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import {
  Conv2D,
  Dense,
  deserializeModelLayer,
  type ForwardContext,
  Layer,
  type LayerConfig,
  type LayerInputs,
  type SerializedLayer,
  type Shape,
  serializeLayer,
} from '@tessera/layers';
import { type KernelForward, kernelForwardOf, kernelShapeOf } from '../qat/quantized-forward.js';
import { unpackInt8Codes } from './packed-codes.js';

/** Config of {@link Int8Kernel}. */
export interface Int8KernelConfig extends LayerConfig {
  /** The Dense or Conv2D layer it stands for, as `{ className, config }` (never built). */
  layer: SerializedLayer;
}

/**
 * A Dense or Conv2D layer whose kernel stays int8 in memory and is dequantised on the fly in every call:
 * weights `kernel_codes` (the codes packed three to a float32, {@link packInt8Codes}), `kernel_scales` and
 * `kernel_zero_points` (one per output channel, or one), and the float32 `bias`. The forward pass is the
 * original layer's functional op with `(codes − zeroPoint) · scale` as kernel. Built by
 * {@link quantizedModelOnTheFly}; inference only (its weights are not trainable).
 *
 * @throws ValidationError when the wrapped layer is not Dense or Conv2D
 * @example
 * ```ts
 * const model = quantizedModelOnTheFly(await quantizeModel(trained)); // Dense/Conv2D → Int8Kernel
 * ```
 */
export class Int8Kernel extends Layer<tf.Tensor> {
  /** The unbuilt layer whose computation this one performs. */
  readonly template: Dense | Conv2D;
  readonly #forward: KernelForward;
  #weights: {
    codes: tf.Variable;
    scales: tf.Variable;
    zeroPoints: tf.Variable;
    bias: tf.Variable | null;
  } | null = null;
  #kernelShape: number[] = [];

  constructor(config: Int8KernelConfig) {
    const template = config?.layer ? deserializeModelLayer(config.layer) : null;
    if (!(template instanceof Dense || template instanceof Conv2D)) {
      template?.dispose();
      throw ValidationError.expected(
        'a Dense or Conv2D layer config',
        config?.layer?.className,
        'Int8Kernel(layer)',
      );
    }
    super('Int8Kernel', { ...config, name: config.name ?? template.name, trainable: false });
    this.template = template;
    this.#forward = kernelForwardOf(template, () => this.#weights?.bias ?? null)!;
  }

  /** The kernel shape (after build). */
  get kernelShape(): readonly number[] {
    return this.#kernelShape;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape | Shape[] {
    return this.template.computeOutputShape(inputShape);
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    this.#kernelShape = kernelShapeOf(this.template, shape, this.where('build'));
    const size = this.#kernelShape.reduce((a, b) => a * b, 1);
    const channels = this.#kernelShape.at(-1)!;
    const fixed = { initializer: 'zeros', trainable: false } as const;
    this.#weights = {
      codes: this.addWeight('kernel_codes', [Math.ceil(size / 3)], fixed),
      scales: this.addWeight('kernel_scales', [channels], { initializer: 'ones', trainable: false }),
      zeroPoints: this.addWeight('kernel_zero_points', [channels], fixed),
      bias: this.template.weightConfig.useBias ? this.addWeight('bias', [channels], fixed) : null,
    };
  }

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = inputs instanceof tf.Tensor ? inputs : inputs[0];
    if (!(x instanceof tf.Tensor))
      throw ValidationError.expected('one input tensor', inputs, this.where('call'));
    const { codes, scales, zeroPoints } = this.#weights!;
    const size = this.#kernelShape.reduce((a, b) => a * b, 1);
    const kernel = tf.mul(
      tf.sub(tf.reshape(unpackInt8Codes(codes, size), this.#kernelShape), zeroPoints),
      scales,
    );
    return this.#forward(x, kernel);
  }

  protected layerConfig(): Record<string, unknown> {
    return { layer: serializeLayer(this.template) };
  }
}
