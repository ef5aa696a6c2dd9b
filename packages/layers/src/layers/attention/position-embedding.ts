import * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '@tessera/core';
import { positiveInt } from '../../layer/config-checks.js';
import { lastDim, singleInput, singleShape } from '../../layer/layer-inputs.js';
import { Layer } from '../../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';

/** Config of {@link PositionEmbedding}. */
export interface PositionEmbeddingConfig extends LayerConfig {
  /** The longest sequence the layer can embed. */
  sequenceLength: number;
  /** Default Glorot uniform. */
  initializer?: PluginSpec;
}

/**
 * Learned position embeddings (keras_hub `PositionEmbedding`): weight `embeddings`
 * `[sequenceLength, features]`; for inputs `[batch, steps, features]` returns the first `steps` rows
 * broadcast to the input's shape (add it to the token embeddings yourself, as in keras_hub).
 * @throws ValidationError for a non-positive length; ShapeError when the input is longer than `sequenceLength`
 * @see Devlin et al., "BERT" (2019); Gehring et al., "Convolutional Sequence to Sequence Learning" (2017)
 * @example
 * ```ts
 * const positions = new PositionEmbedding({ sequenceLength: 128 });
 * const x = tf.add(tokens, positions.call(tokens) as tf.Tensor);
 * ```
 */
export class PositionEmbedding extends Layer<tf.Tensor> {
  readonly sequenceLength: number;
  readonly initializer: PluginSpec;
  #embeddings: tf.Variable | null = null;

  constructor(config: PositionEmbeddingConfig) {
    super('PositionEmbedding', config);
    this.sequenceLength = positiveInt(config.sequenceLength, this.where('sequenceLength'));
    this.initializer = config.initializer ?? 'glorotUniform';
    this.supportsMasking = true;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return singleShape(inputShape, this.where('computeOutputShape'));
  }

  protected buildWeights(inputShape: Shape | readonly Shape[]): void {
    const features = lastDim(singleShape(inputShape, this.where('build')), this.where('build'));
    this.#embeddings = this.addWeight('embeddings', [this.sequenceLength, features], {
      initializer: this.initializer,
    });
  }

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    const x = singleInput(inputs, this.where('call'));
    const steps = x.shape.at(-2)!;
    if (x.rank < 2 || steps > this.sequenceLength) {
      throw new ShapeError(`Expected at most ${this.sequenceLength} steps, received shape [${x.shape}]`, {
        where: this.where('call'),
      });
    }
    const rows = tf.slice(this.#embeddings!, [0, 0], [steps, -1]);
    return tf.broadcastTo(rows, x.shape);
  }

  protected layerConfig(): Record<string, unknown> {
    return { sequenceLength: this.sequenceLength, initializer: this.initializer };
  }
}
