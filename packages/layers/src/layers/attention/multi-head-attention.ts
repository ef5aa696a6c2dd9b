import type * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { bool, positiveInt, rate } from '../../layer/config-checks.js';
import { inputList, lastDim, requireRank, shapeList } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type {
  CallOptions,
  ForwardContext,
  LayerConfig,
  LayerInputs,
  Mask,
  Shape,
} from '../../layer/layer-types.js';
import { combineAttentionMasks, multiHeadAttention } from '../../ops/attention.js';
import { type KernelWeightConfig, kernelWeightDefaults } from '../core/dense.js';

/** Config of {@link MultiHeadAttention} (Keras names and defaults). */
export interface MultiHeadAttentionConfig extends LayerConfig, KernelWeightConfig {
  numHeads: number;
  /** Size of each head's query and key projections. */
  keyDim: number;
  /** Size of each head's value projection; defaults to `keyDim`. */
  valueDim?: number;
  /** Dropout on the attention probabilities in training (default 0). */
  dropout?: number;
  /** Output features; defaults to the query's last dimension. */
  outputShape?: number | null;
  /** Default for the call option of the same name. */
  useCausalMask?: boolean;
  /** Default for the call option of the same name. */
  returnAttentionScores?: boolean;
}

/** Per-call options of {@link MultiHeadAttention}. */
export interface MultiHeadAttentionCallOptions extends CallOptions {
  /** `[batch, queryLength, keyLength]`: which keys each query may attend to. */
  attentionMask?: tf.Tensor | null;
  /** Mask keys after each query (decoder self-attention). */
  useCausalMask?: boolean;
  /** Return `[output, scores]` (scores `[batch, heads, queryLength, keyLength]`). */
  returnAttentionScores?: boolean;
}

/**
 * Multi-head attention (Keras `MultiHeadAttention`): `call([query, value])` or `call([query, value, key])`
 * with inputs `[batch, length, features]`. Weights (Keras layouts): `query/kernel` `[q, heads, keyDim]`,
 * `query/bias` `[heads, keyDim]`, likewise `key/…` and `value/…` (`valueDim`), `attention_output/kernel`
 * `[heads, valueDim, out]`, `attention_output/bias` `[out]`. The padding masks given as
 * `mask: [queryMask, valueMask, keyMask?]`, the causal mask and `attentionMask` combine as in Keras.
 * Differentiable end to end (tfjs-layers' version is neither exported nor differentiable).
 * @throws ValidationError for bad options or fewer than two inputs; ShapeError for inputs that are not rank 3
 * @see Vaswani et al., "Attention Is All You Need" (2017)
 * @example
 * ```ts
 * const mha = new MultiHeadAttention({ numHeads: 4, keyDim: 16 });
 * const y = mha.call([tokens, tokens], { useCausalMask: true }) as tf.Tensor;
 * ```
 */
export class MultiHeadAttention extends Layer<tf.Tensor | tf.Tensor[], MultiHeadAttentionCallOptions> {
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly dropout: number;
  readonly outputShape: number | null;
  readonly useCausalMask: boolean;
  readonly returnAttentionScores: boolean;
  readonly weightConfig: Required<KernelWeightConfig>;
  #weights: Record<string, tf.Variable | null> = {};

  constructor(config: MultiHeadAttentionConfig) {
    super('MultiHeadAttention', config);
    this.numHeads = positiveInt(config.numHeads, this.where('numHeads'));
    this.keyDim = positiveInt(config.keyDim, this.where('keyDim'));
    this.valueDim = positiveInt(config.valueDim ?? this.keyDim, this.where('valueDim'));
    this.dropout = rate(config.dropout, 0, this.where('dropout'));
    this.outputShape =
      config.outputShape == null ? null : positiveInt(config.outputShape, this.where('outputShape'));
    this.useCausalMask = bool(config.useCausalMask, false, this.where('useCausalMask'));
    this.returnAttentionScores = bool(
      config.returnAttentionScores,
      false,
      this.where('returnAttentionScores'),
    );
    this.weightConfig = kernelWeightDefaults(config, this.where('config'));
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape | Shape[] {
    const [q, v] = this.shapes(inputShape, 'computeOutputShape');
    const out: Shape = [q[0] ?? null, q[1] ?? null, this.outputShape ?? q[2] ?? null];
    if (!this.returnAttentionScores) return out;
    return [out, [q[0] ?? null, this.numHeads, q[1] ?? null, v[1] ?? null]];
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const [q, v, k] = this.shapes(inputShape, 'build');
    const where = this.where('build');
    const [qf, vf, kf] = [lastDim(q, where), lastDim(v, where), lastDim(k, where)];
    const out = this.outputShape ?? qf;
    const project = (name: string, kernelShape: number[], biasShape: number[]) => {
      const c = this.weightConfig;
      this.#weights[`${name}Kernel`] = this.addWeight(`${name}/kernel`, kernelShape, {
        initializer: c.kernelInitializer,
        regularizer: c.kernelRegularizer,
        constraint: c.kernelConstraint,
      });
      this.#weights[`${name}Bias`] = c.useBias
        ? this.addWeight(`${name}/bias`, biasShape, {
            initializer: c.biasInitializer,
            regularizer: c.biasRegularizer,
            constraint: c.biasConstraint,
          })
        : null;
    };
    project('query', [qf, this.numHeads, this.keyDim], [this.numHeads, this.keyDim]);
    project('key', [kf, this.numHeads, this.keyDim], [this.numHeads, this.keyDim]);
    project('value', [vf, this.numHeads, this.valueDim], [this.numHeads, this.valueDim]);
    project('attention_output', [this.numHeads, this.valueDim, out], [out]);
  }

  protected forward(
    inputs: LayerInputs,
    context: ForwardContext,
    options: MultiHeadAttentionCallOptions,
  ): tf.Tensor | tf.Tensor[] {
    const list = inputList(inputs, 2, this.where('call'));
    const [query, value] = [list[0]!, list[1]!];
    const key = list[2] ?? value;
    for (const t of [query, value, key]) requireRank(t.shape, 3, this.where('call'));
    const masks =
      context.mask === null ? [] : Array.isArray(context.mask) ? context.mask : [context.mask as Mask];
    const attentionMask = combineAttentionMasks({
      queryMask: masks[0] ?? null,
      valueMask: masks[1] ?? null,
      keyMask: masks[2] ?? null,
      attentionMask: options.attentionMask ?? null,
      causal: options.useCausalMask ?? this.useCausalMask,
      queryLength: query.shape[1]!,
      keyLength: key.shape[1]!,
    });
    const w = this.#weights;
    const { output, scores } = multiHeadAttention(
      query,
      value,
      key,
      {
        queryKernel: w.queryKernel!,
        queryBias: w.queryBias ?? null,
        keyKernel: w.keyKernel!,
        keyBias: w.keyBias ?? null,
        valueKernel: w.valueKernel!,
        valueBias: w.valueBias ?? null,
        outputKernel: w.attention_outputKernel!,
        outputBias: w.attention_outputBias ?? null,
      },
      { attentionMask, dropoutRate: context.training ? this.dropout : 0, seed: context.nextSeed() },
    );
    return (options.returnAttentionScores ?? this.returnAttentionScores) ? [output, scores] : output;
  }

  protected override maskFor(_inputs: LayerInputs, mask: Mask | readonly Mask[] | null): Mask | Mask[] {
    const queryMask = mask === null ? null : Array.isArray(mask) ? (mask[0] ?? null) : (mask as Mask);
    return this.returnAttentionScores ? [queryMask, null] : queryMask;
  }

  protected layerConfig(): Record<string, unknown> {
    return {
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      dropout: this.dropout,
      outputShape: this.outputShape,
      useCausalMask: this.useCausalMask,
      returnAttentionScores: this.returnAttentionScores,
      ...this.weightConfig,
    };
  }

  private shapes(inputShape: Shape | readonly Shape[], method: string): [Shape, Shape, Shape] {
    const list = shapeList(inputShape, 2, this.where(method));
    if (list.length > 3)
      throw ValidationError.expected('2 or 3 input shapes', `${list.length}`, this.where(method));
    for (const s of list) requireRank(s, 3, this.where(method));
    return [list[0]!, list[1]!, list[2] ?? list[1]!];
  }
}
