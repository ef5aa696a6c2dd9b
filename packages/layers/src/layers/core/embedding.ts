import * as tf from '@tensorflow/tfjs-core';
import { bool, positiveInt } from '../../layer/config-checks.js';
import { singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Mask, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import { embedding } from '../../ops/embedding.js';

/** Config of {@link Embedding}. */
export interface EmbeddingConfig extends LayerConfig {
  /** Vocabulary size: ids lie in `[0, inputDim)`. */
  inputDim: number;
  outputDim: number;
  /** Default Keras's `'uniform'` (uniform on ±0.05). */
  embeddingsInitializer?: PluginSpec;
  embeddingsRegularizer?: PluginSpec | null;
  embeddingsConstraint?: PluginSpec | null;
  /** When true, id 0 is padding: the layer emits a mask that is false there (Keras `mask_zero`). */
  maskZero?: boolean;
}

/**
 * Maps integer ids to learned vectors (Keras `Embedding`). Weight `embeddings` `[inputDim, outputDim]`.
 * With `maskZero`, `computeMask` marks id-0 positions invalid so RNNs and attention skip them.
 * @throws ValidationError for non-positive dimensions
 * @example
 * ```ts
 * const emb = new Embedding({ inputDim: 1000, outputDim: 64, maskZero: true });
 * const vectors = emb.call(ids); // [batch, steps, 64]
 * const mask = emb.computeMask(ids, null); // ids != 0
 * ```
 */
export class Embedding extends Layer<tf.Tensor> {
  readonly inputDim: number;
  readonly outputDim: number;
  readonly maskZero: boolean;
  readonly embeddingsInitializer: PluginSpec;
  readonly embeddingsRegularizer: PluginSpec | null;
  readonly embeddingsConstraint: PluginSpec | null;
  #embeddings: tf.Variable | null = null;

  constructor(config: EmbeddingConfig) {
    super('Embedding', config);
    this.inputDim = positiveInt(config.inputDim, this.where('inputDim'));
    this.outputDim = positiveInt(config.outputDim, this.where('outputDim'));
    this.maskZero = bool(config.maskZero, false, this.where('maskZero'));
    this.embeddingsInitializer = config.embeddingsInitializer ?? 'randomUniform';
    this.embeddingsRegularizer = config.embeddingsRegularizer ?? null;
    this.embeddingsConstraint = config.embeddingsConstraint ?? null;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return [...singleShape(inputShape, this.where('computeOutputShape')), this.outputDim];
  }

  protected buildWeights(): void {
    this.#embeddings = this.addWeight('embeddings', [this.inputDim, this.outputDim], {
      initializer: this.embeddingsInitializer,
      regularizer: this.embeddingsRegularizer,
      constraint: this.embeddingsConstraint,
    });
  }

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    return embedding(singleInput(inputs, this.where('call')), this.#embeddings!);
  }

  protected override maskFor(inputs: LayerInputs): Mask {
    if (!this.maskZero) return null;
    return tf.tidy(() => tf.notEqual(singleInput(inputs, this.where('computeMask')), 0));
  }

  protected layerConfig(): Record<string, unknown> {
    return {
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      maskZero: this.maskZero,
      embeddingsInitializer: this.embeddingsInitializer,
      embeddingsRegularizer: this.embeddingsRegularizer,
      embeddingsConstraint: this.embeddingsConstraint,
    };
  }
}
