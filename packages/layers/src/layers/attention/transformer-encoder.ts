import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { bool, finiteNumber, positiveInt, rate } from '../../layer/config-checks.js';
import { lastDim, requireRank, singleInput, singleMask, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type {
  CallOptions,
  ForwardContext,
  LayerConfig,
  LayerInputs,
  Shape,
} from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { dropout } from '../../ops/noise.js';
import { deriveSeed } from '../../random/derive-seed.js';
import { Dense } from '../core/dense.js';
import { LayerNormalization } from '../normalization/layer-normalization.js';
import { MultiHeadAttention } from './multi-head-attention.js';

/** Config of {@link TransformerEncoder} (keras_hub names and defaults). */
export interface TransformerEncoderConfig extends LayerConfig {
  /** Hidden size of the feed-forward block. */
  intermediateDim: number;
  numHeads: number;
  /** Dropout after attention and after the feed-forward block, and on attention probabilities (default 0). */
  dropout?: number;
  /** Feed-forward activation, default `'relu'`. */
  activation?: PluginSpec;
  /** Default 1e-5. */
  layerNormEpsilon?: number;
  kernelInitializer?: PluginSpec;
  biasInitializer?: PluginSpec;
  /** Pre-norm (normalise before each block) instead of the original post-norm (default false). */
  normalizeFirst?: boolean;
}

/** Per-call options of {@link TransformerEncoder}; `mask` is the `[batch, steps]` padding mask. */
export interface TransformerEncoderCallOptions extends CallOptions {
  /** `[batch, steps, steps]` boolean: which positions each position may attend to. */
  attentionMask?: tf.Tensor | null;
}

/**
 * A Transformer encoder block (keras_hub `TransformerEncoder`, equal to PyTorch's
 * `nn.TransformerEncoderLayer` with `batch_first`): self-attention with `numHeads` heads of size
 * `features / numHeads`, dropout, residual, layer norm; then `Dense(intermediateDim, activation)`,
 * `Dense(features)`, dropout, residual, layer norm (or the norms first with `normalizeFirst`). Sublayers:
 * `self_attention`, `self_attention_layer_norm`, `feedforward_layer_norm`, `feedforward_intermediate_dense`,
 * `feedforward_output_dense`.
 * @throws ValidationError for bad options, or features not divisible by `numHeads`
 * @see Vaswani et al., "Attention Is All You Need" (2017); Xiong et al. (2020) for pre-norm
 * @example
 * ```ts
 * const block = new TransformerEncoder({ intermediateDim: 128, numHeads: 4 });
 * block.call(tokens, { mask: paddingMask }); // same shape as tokens
 * ```
 */
export class TransformerEncoder extends Layer<tf.Tensor, TransformerEncoderCallOptions> {
  readonly intermediateDim: number;
  readonly numHeads: number;
  readonly dropout: number;
  readonly activation: PluginSpec;
  readonly layerNormEpsilon: number;
  readonly kernelInitializer: PluginSpec;
  readonly biasInitializer: PluginSpec;
  readonly normalizeFirst: boolean;
  #attention: MultiHeadAttention | null = null;
  #parts: { norm1: LayerNormalization; norm2: LayerNormalization; inner: Dense; outer: Dense } | null = null;

  constructor(config: TransformerEncoderConfig) {
    super('TransformerEncoder', config);
    this.intermediateDim = positiveInt(config.intermediateDim, this.where('intermediateDim'));
    this.numHeads = positiveInt(config.numHeads, this.where('numHeads'));
    this.dropout = rate(config.dropout, 0, this.where('dropout'));
    this.activation = config.activation ?? 'relu';
    this.layerNormEpsilon = finiteNumber(config.layerNormEpsilon, 1e-5, this.where('layerNormEpsilon'));
    this.kernelInitializer = config.kernelInitializer ?? 'glorotUniform';
    this.biasInitializer = config.biasInitializer ?? 'zeros';
    this.normalizeFirst = bool(config.normalizeFirst, false, this.where('normalizeFirst'));
    this.supportsMasking = true;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return singleShape(inputShape, this.where('computeOutputShape'));
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const s = singleShape(inputShape, this.where('build'));
    requireRank(s, 3, this.where('build'));
    const features = lastDim(s, this.where('build'));
    if (features % this.numHeads !== 0) {
      throw ValidationError.expected(
        `features divisible by numHeads (${this.numHeads})`,
        features,
        this.where('build'),
      );
    }
    const init = { kernelInitializer: this.kernelInitializer, biasInitializer: this.biasInitializer };
    const seed = (k: number) => deriveSeed(this.seed, k);
    const epsilon = this.layerNormEpsilon;
    this.#attention = this.trackLayer(
      new MultiHeadAttention({
        name: 'self_attention',
        numHeads: this.numHeads,
        keyDim: features / this.numHeads,
        dropout: this.dropout,
        seed: seed(1),
        ...init,
      }),
    );
    const norm1 = this.trackLayer(
      new LayerNormalization({ name: 'self_attention_layer_norm', epsilon, seed: seed(2) }),
    );
    const norm2 = this.trackLayer(
      new LayerNormalization({ name: 'feedforward_layer_norm', epsilon, seed: seed(3) }),
    );
    const inner = this.trackLayer(
      new Dense({
        name: 'feedforward_intermediate_dense',
        units: this.intermediateDim,
        activation: this.activation,
        seed: seed(4),
        ...init,
      }),
    );
    const outer = this.trackLayer(
      new Dense({ name: 'feedforward_output_dense', units: features, seed: seed(5), ...init }),
    );
    this.#attention.build([s, s]);
    norm1.build(s);
    norm2.build(s);
    inner.build(s);
    outer.build([...s.slice(0, -1), this.intermediateDim]);
    this.#parts = { norm1, norm2, inner, outer };
  }

  protected forward(
    inputs: LayerInputs,
    context: ForwardContext,
    options: TransformerEncoderCallOptions,
  ): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    requireRank(x.shape, 3, this.where('call'));
    const { norm1, norm2, inner, outer } = this.#parts!;
    const sub = { training: context.training };
    const drop = (t: tf.Tensor) =>
      context.training && this.dropout > 0 ? dropout(t, this.dropout, context.nextSeed()) : t;
    const padding = singleMask(context.mask);
    let h = this.normalizeFirst ? (norm1.call(x, sub) as tf.Tensor) : x;
    h = this.#attention!.call([h, h], {
      ...sub,
      seed: context.nextSeed(),
      mask: [null, padding],
      attentionMask: options.attentionMask ?? null,
      returnAttentionScores: false,
    }) as tf.Tensor;
    h = tf.add(drop(h), x);
    if (!this.normalizeFirst) h = norm1.call(h, sub) as tf.Tensor;
    const residual = h;
    let f = this.normalizeFirst ? (norm2.call(h, sub) as tf.Tensor) : h;
    f = outer.call(inner.call(f, sub) as tf.Tensor, sub) as tf.Tensor;
    f = tf.add(drop(f), residual);
    return this.normalizeFirst ? f : (norm2.call(f, sub) as tf.Tensor);
  }

  protected layerConfig(): Record<string, unknown> {
    return {
      intermediateDim: this.intermediateDim,
      numHeads: this.numHeads,
      dropout: this.dropout,
      activation: this.activation,
      layerNormEpsilon: this.layerNormEpsilon,
      kernelInitializer: this.kernelInitializer,
      biasInitializer: this.biasInitializer,
      normalizeFirst: this.normalizeFirst,
    };
  }
}
