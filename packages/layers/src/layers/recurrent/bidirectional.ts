import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type {
  ForwardContext,
  LayerConfig,
  LayerInputs,
  Mask,
  SerializedLayer,
  Shape,
} from '../../layer/layer-types.js';
import { deserializeLayer, serializeLayer } from '../../layer/serialization.js';
import { deriveSeed } from '../../random/derive-seed.js';
import type { RecurrentCallOptions } from './recurrent-config.js';

/** How {@link Bidirectional} combines the two directions; `null` returns both. */
export type BidirectionalMergeMode = 'concat' | 'sum' | 'mul' | 'ave' | null;

/** Config of {@link Bidirectional}. */
export interface BidirectionalConfig extends LayerConfig {
  /** The recurrent layer to run both ways, as a layer or `{ className, config }`. */
  layer: Layer | SerializedLayer;
  /** Default `'concat'`. */
  mergeMode?: BidirectionalMergeMode;
}

const MODES: readonly BidirectionalMergeMode[] = ['concat', 'sum', 'mul', 'ave', null];

/**
 * Runs a recurrent layer forwards and a copy of it backwards and merges the results (Keras
 * `Bidirectional`). The wrapped layer is a template: both copies are built from its config (`forward_<name>`,
 * `backward_<name>`, the backward one with `goBackwards` flipped and its own seed); the backward sequence
 * output is re-reversed so step t lines up. With `returnSequences`, masked steps output zeros (as Keras
 * forces). With `returnState`: `[merged, ...forwardStates, ...backwardStates]`.
 * @throws ValidationError for an unknown merge mode or a wrapped layer without `goBackwards`
 * @see Schuster & Paliwal, "Bidirectional Recurrent Neural Networks" (1997)
 * @example
 * ```ts
 * const bi = new Bidirectional({ layer: new LSTM({ units: 8, returnSequences: true }) });
 * bi.call(tf.zeros([2, 5, 3])); // [2, 5, 16]
 * ```
 */
export class Bidirectional extends Layer<tf.Tensor | tf.Tensor[], RecurrentCallOptions> {
  readonly mergeMode: BidirectionalMergeMode;
  readonly wrapped: SerializedLayer;
  readonly forwardLayer: Layer<tf.Tensor | tf.Tensor[], RecurrentCallOptions>;
  readonly backwardLayer: Layer<tf.Tensor | tf.Tensor[], RecurrentCallOptions>;
  readonly #returnSequences: boolean;
  readonly #returnState: boolean;

  constructor(config: BidirectionalConfig) {
    super('Bidirectional', config);
    const mode = config.mergeMode === undefined ? 'concat' : config.mergeMode;
    if (!MODES.includes(mode))
      throw ValidationError.expected(MODES.map(String).join(' | '), mode, this.where('mergeMode'));
    this.mergeMode = mode;
    const given = serializeLayer(
      config.layer instanceof Layer ? config.layer : deserializeLayer(config.layer),
    );
    const inner = given.config;
    if (!inner || typeof inner.goBackwards !== 'boolean') {
      throw ValidationError.expected(
        'a recurrent layer (with goBackwards)',
        config.layer,
        this.where('layer'),
      );
    }
    this.wrapped = { className: given.className, config: { ...inner } };
    this.#returnSequences = inner.returnSequences === true;
    this.#returnState = inner.returnState === true;
    const base = { ...inner, zeroOutputForMask: this.#returnSequences || inner.zeroOutputForMask === true };
    const name = String(inner.name);
    this.forwardLayer = this.trackLayer(
      deserializeLayer({
        className: given.className,
        config: { ...base, name: `forward_${name}`, seed: deriveSeed(this.seed, 1) },
      }),
    ) as Layer<tf.Tensor | tf.Tensor[], RecurrentCallOptions>;
    this.backwardLayer = this.trackLayer(
      deserializeLayer({
        className: given.className,
        config: {
          ...base,
          name: `backward_${name}`,
          goBackwards: !inner.goBackwards,
          seed: deriveSeed(this.seed, 2),
        },
      }),
    ) as Layer<tf.Tensor | tf.Tensor[], RecurrentCallOptions>;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape | Shape[] {
    const shape = singleShape(inputShape, this.where('computeOutputShape'));
    const forward = this.forwardLayer.computeOutputShape(shape);
    const [output, ...states] = this.#returnState ? (forward as Shape[]) : [forward as Shape];
    const merged: Shape[] =
      this.mergeMode === null
        ? [output!, output!]
        : [
            this.mergeMode === 'concat'
              ? [...output!.slice(0, -1), output!.at(-1) === null ? null : output!.at(-1)! * 2]
              : output!,
          ];
    const all = [...merged, ...states, ...states];
    return all.length === 1 ? all[0]! : all;
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    this.forwardLayer.build(inputShape);
    this.backwardLayer.build(inputShape);
  }

  protected forward(
    inputs: LayerInputs,
    context: ForwardContext,
    options: RecurrentCallOptions,
  ): tf.Tensor | tf.Tensor[] {
    const half = options.initialState ? options.initialState.length / 2 : 0;
    const run = (
      layer: Layer<tf.Tensor | tf.Tensor[], RecurrentCallOptions>,
      states?: readonly tf.Tensor[],
    ) => {
      const out = layer.call(inputs, {
        training: context.training,
        mask: context.mask,
        seed: context.nextSeed(),
        initialState: states,
      });
      return Array.isArray(out) ? out : [out];
    };
    const [yf, ...statesF] = run(this.forwardLayer, options.initialState?.slice(0, half));
    let [yb, ...statesB] = run(this.backwardLayer, options.initialState?.slice(half));
    if (this.#returnSequences) yb = tf.reverse(yb!, 1);
    const merged = this.merge(yf!, yb!);
    const all = [...merged, ...statesF, ...statesB];
    return all.length === 1 ? all[0]! : all;
  }

  protected override maskFor(inputs: LayerInputs, mask: Mask | readonly Mask[] | null): Mask | Mask[] {
    const inner = this.forwardLayer.computeMask(inputs, mask);
    const [out, ...states] = Array.isArray(inner) ? inner : [inner];
    const all = [...(this.mergeMode === null ? [out!, out!] : [out!]), ...states, ...states];
    return all.length === 1 ? all[0]! : all;
  }

  protected layerConfig(): Record<string, unknown> {
    return { layer: this.wrapped, mergeMode: this.mergeMode };
  }

  private merge(yf: tf.Tensor, yb: tf.Tensor): tf.Tensor[] {
    switch (this.mergeMode) {
      case 'concat':
        return [tf.concat([yf, yb], -1)];
      case 'sum':
        return [tf.add(yf, yb)];
      case 'mul':
        return [tf.mul(yf, yb)];
      case 'ave':
        return [tf.mul(tf.add(yf, yb), 0.5)];
      default:
        return [tf.clone(yf), tf.clone(yb)];
    }
  }
}
