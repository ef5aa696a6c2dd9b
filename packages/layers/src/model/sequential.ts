import type * as tf from '@tensorflow/tfjs-core';
import { ShapeError, ValidationError } from '@tessera/core';
import { isShapeList, singleInput, singleShape } from '../layer/layer-inputs.js';
import { Layer } from '../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Mask, Shape } from '../layer/layer-types.js';
import { serializeLayer } from '../layer/serialization.js';
import { Model } from './model.js';
import type { SummaryRow } from './summary.js';
import { SymbolicTensor } from './symbolic-tensor.js';

/** Config of {@link Sequential}. */
export interface SequentialConfig extends LayerConfig {
  /** The layers, in order; an `input(...)` tensor first fixes the input shape, as in Keras. */
  layers?: readonly (Layer | SymbolicTensor)[];
  /** Shape of one example (without the batch axis); builds the model at once. Otherwise it builds on first use. */
  inputShape?: readonly (number | null)[];
  /** The full input shape it was built with (what `getConfig` records). */
  buildInputShape?: Shape | null;
}

/**
 * A plain stack of single-input, single-output layers (Keras `Sequential`).
 * @throws ValidationError for something other than layers, or an `input` tensor anywhere but first
 * @example
 * ```ts
 * const mlp = new Sequential({ layers: [new Dense({ units: 128, activation: 'relu' }), new Dense({ units: 10 })], inputShape: [784] });
 * ```
 */
export class Sequential extends Model {
  readonly #layers: Layer[] = [];
  #inputShape: Shape | null = null;

  constructor(config: SequentialConfig = {}) {
    super('Sequential', config);
    let shape: Shape | null =
      config.buildInputShape ?? (config.inputShape ? [null, ...config.inputShape] : null);
    for (const [i, item] of (config.layers ?? []).entries()) {
      if (item instanceof SymbolicTensor && i === 0) shape = item.shape;
      else this.add(item as Layer);
    }
    if (shape) this.build(shape);
  }

  /**
   * Appends a layer (before the model is built).
   * @throws ValidationError for a non-layer, or when the model is already built
   */
  add(layer: Layer): void {
    if (!(layer instanceof Layer)) throw ValidationError.expected('a Layer', layer, this.where('add'));
    if (this.built)
      throw new ValidationError('Add layers before the model is built (before its first use)', {
        where: this.where('add'),
      });
    this.#layers.push(this.trackLayer(layer));
  }

  get layers(): readonly Layer[] {
    return [...this.#layers];
  }

  get inputNames(): readonly string[] {
    return [`${this.name}_input`];
  }

  get outputNames(): readonly string[] {
    return [this.#layers.at(-1)?.name ?? this.name];
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    let shape = singleShape(inputShape, this.where('computeOutputShape'));
    for (const layer of this.#layers) shape = this.single(layer.computeOutputShape(shape), layer);
    return shape;
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    if (this.#layers.length === 0)
      throw new ValidationError('A Sequential model needs at least one layer', {
        where: this.where('build'),
      });
    let shape: Shape = [null, ...singleShape(inputShape, this.where('build')).slice(1)];
    this.#inputShape = shape;
    for (const layer of this.#layers) {
      layer.build(shape);
      shape = this.single(layer.computeOutputShape(shape), layer);
    }
  }

  protected forward(inputs: LayerInputs, context: ForwardContext): tf.Tensor {
    let x = singleInput(inputs, this.where('call'));
    let mask = (context.mask ?? null) as Mask;
    for (const layer of this.#layers) {
      const out = layer.call(x, {
        training: context.training,
        seed: context.nextSeed(),
        ...(mask ? { mask } : {}),
      });
      if (Array.isArray(out))
        throw new ShapeError(`Layer "${layer.name}" returns several tensors; use the functional API`, {
          where: this.where('call'),
        });
      const next = layer.computeMask(x, mask);
      mask = Array.isArray(next) ? (next[0] ?? null) : next;
      x = out;
    }
    return x;
  }

  protected layerConfig(): Record<string, unknown> {
    return {
      layers: this.#layers.map(serializeLayer),
      buildInputShape: this.#inputShape ? [...this.#inputShape] : null,
    };
  }

  protected summaryRows(): SummaryRow[] {
    let shape = this.#inputShape;
    return this.#layers.map((layer) => {
      shape = shape ? this.single(layer.computeOutputShape(shape), layer) : null;
      return {
        name: layer.name,
        className: layer.className,
        outputShape: shape,
        params: layer.countParams(),
      };
    });
  }

  private single(shape: Shape | Shape[], layer: Layer): Shape {
    if (isShapeList(shape))
      throw new ShapeError(`Layer "${layer.name}" has several outputs; use the functional API`, {
        where: this.where('build'),
      });
    return shape as Shape;
  }
}

/**
 * Builds a {@link Sequential} model.
 * @throws ValidationError as {@link Sequential}
 * @example
 * ```ts
 * const cnn = sequential([
 *   input({ shape: [28, 28, 1] }),
 *   new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu' }),
 *   new MaxPooling2D({ poolSize: 2 }),
 *   new Flatten(),
 *   new Dense({ units: 10, activation: 'softmax' }),
 * ]);
 * ```
 */
export function sequential(
  layers: readonly (Layer | SymbolicTensor)[] = [],
  options: Omit<SequentialConfig, 'layers'> = {},
): Sequential {
  return new Sequential({ ...options, layers });
}
