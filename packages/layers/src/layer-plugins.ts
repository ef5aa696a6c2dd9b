import { type LayerPlugin, layerPlugin } from './layer/layer-plugin.js';
import { Activation, type ActivationConfig } from './layers/activation/activation-layer.js';
import { ELU, type ELUConfig } from './layers/activation/elu-layer.js';
import { LeakyReLU, type LeakyReLUConfig } from './layers/activation/leaky-relu.js';
import { ReLU, type ReLUConfig } from './layers/activation/relu.js';
import { Softmax, type SoftmaxConfig } from './layers/activation/softmax-layer.js';
import {
  MultiHeadAttention,
  type MultiHeadAttentionConfig,
} from './layers/attention/multi-head-attention.js';
import { PositionEmbedding, type PositionEmbeddingConfig } from './layers/attention/position-embedding.js';
import {
  SinePositionEncoding,
  type SinePositionEncodingConfig,
} from './layers/attention/sine-position-encoding.js';
import { TransformerEncoder, type TransformerEncoderConfig } from './layers/attention/transformer-encoder.js';
import { Conv1D, type Conv1DConfig } from './layers/convolutional/conv1d.js';
import { Conv2D, type Conv2DConfig } from './layers/convolutional/conv2d.js';
import { Conv2DTranspose, type Conv2DTransposeConfig } from './layers/convolutional/conv2d-transpose.js';
import { DepthwiseConv2D, type DepthwiseConv2DConfig } from './layers/convolutional/depthwise-conv2d.js';
import { SeparableConv2D, type SeparableConv2DConfig } from './layers/convolutional/separable-conv2d.js';
import {
  BatchNormalization,
  type BatchNormalizationConfig,
} from './layers/normalization/batch-normalization.js';
import {
  LayerNormalization,
  type LayerNormalizationConfig,
} from './layers/normalization/layer-normalization.js';
import { Bidirectional, type BidirectionalConfig } from './layers/recurrent/bidirectional.js';
import { GRU, type GRUConfig } from './layers/recurrent/gru.js';
import { LSTM, type LSTMConfig } from './layers/recurrent/lstm.js';
import { SimpleRNN, type SimpleRNNConfig } from './layers/recurrent/simple-rnn.js';
import { Dropout, type DropoutConfig } from './layers/regularization/dropout.js';
import { GaussianNoise, type GaussianNoiseConfig } from './layers/regularization/gaussian-noise.js';
import { SpatialDropout2D, type SpatialDropout2DConfig } from './layers/regularization/spatial-dropout2d.js';
import { AveragePooling1D } from './layers/pooling/average-pooling1d.js';
import { AveragePooling2D } from './layers/pooling/average-pooling2d.js';
import { GlobalAveragePooling1D } from './layers/pooling/global-average-pooling1d.js';
import { GlobalAveragePooling2D } from './layers/pooling/global-average-pooling2d.js';
import { GlobalMaxPooling1D } from './layers/pooling/global-max-pooling1d.js';
import { GlobalMaxPooling2D } from './layers/pooling/global-max-pooling2d.js';
import { MaxPooling1D } from './layers/pooling/max-pooling1d.js';
import { MaxPooling2D } from './layers/pooling/max-pooling2d.js';
import { Dense, type DenseConfig } from './layers/core/dense.js';
import { Embedding, type EmbeddingConfig } from './layers/core/embedding.js';
import { Flatten } from './layers/core/flatten.js';
import { Permute, type PermuteConfig } from './layers/core/permute.js';
import { RepeatVector, type RepeatVectorConfig } from './layers/core/repeat-vector.js';
import { Rescaling, type RescalingConfig } from './layers/core/rescaling.js';
import { Reshape, type ReshapeConfig } from './layers/core/reshape.js';
import { Add } from './layers/merging/add.js';
import { Average } from './layers/merging/average.js';
import { Concatenate, type ConcatenateConfig } from './layers/merging/concatenate.js';
import { Maximum } from './layers/merging/maximum.js';
import { Minimum } from './layers/merging/minimum.js';
import { Multiply } from './layers/merging/multiply.js';
import { Subtract } from './layers/merging/subtract.js';

// Configs arrive as JSON; each constructor validates its own fields.
type AnyConfig = any;

/**
 * Every built-in layer as a `layer:<ClassName>` plugin (Keras class names).
 * @example
 * ```ts
 * const dense = layerPlugins.find((p) => p.id === 'layer:Dense')!.create({ units: 3 });
 * ```
 */
export const layerPlugins: readonly LayerPlugin[] = [
  layerPlugin('Activation', (c: AnyConfig) => new Activation(c as ActivationConfig)),
  layerPlugin('ELU', (c: AnyConfig) => new ELU(c as ELUConfig)),
  layerPlugin('LeakyReLU', (c: AnyConfig) => new LeakyReLU(c as LeakyReLUConfig)),
  layerPlugin('ReLU', (c: AnyConfig) => new ReLU(c as ReLUConfig)),
  layerPlugin('Softmax', (c: AnyConfig) => new Softmax(c as SoftmaxConfig)),
  layerPlugin('MultiHeadAttention', (c: AnyConfig) => new MultiHeadAttention(c as MultiHeadAttentionConfig)),
  layerPlugin('PositionEmbedding', (c: AnyConfig) => new PositionEmbedding(c as PositionEmbeddingConfig)),
  layerPlugin(
    'SinePositionEncoding',
    (c: AnyConfig) => new SinePositionEncoding(c as SinePositionEncodingConfig),
  ),
  layerPlugin('TransformerEncoder', (c: AnyConfig) => new TransformerEncoder(c as TransformerEncoderConfig)),
  layerPlugin('Conv1D', (c: AnyConfig) => new Conv1D(c as Conv1DConfig)),
  layerPlugin('Conv2D', (c: AnyConfig) => new Conv2D(c as Conv2DConfig)),
  layerPlugin('Conv2DTranspose', (c: AnyConfig) => new Conv2DTranspose(c as Conv2DTransposeConfig)),
  layerPlugin('DepthwiseConv2D', (c: AnyConfig) => new DepthwiseConv2D(c as DepthwiseConv2DConfig)),
  layerPlugin('SeparableConv2D', (c: AnyConfig) => new SeparableConv2D(c as SeparableConv2DConfig)),
  layerPlugin('AveragePooling1D', (c: AnyConfig) => new AveragePooling1D(c)),
  layerPlugin('AveragePooling2D', (c: AnyConfig) => new AveragePooling2D(c)),
  layerPlugin('GlobalAveragePooling1D', (c: AnyConfig) => new GlobalAveragePooling1D(c)),
  layerPlugin('GlobalAveragePooling2D', (c: AnyConfig) => new GlobalAveragePooling2D(c)),
  layerPlugin('GlobalMaxPooling1D', (c: AnyConfig) => new GlobalMaxPooling1D(c)),
  layerPlugin('GlobalMaxPooling2D', (c: AnyConfig) => new GlobalMaxPooling2D(c)),
  layerPlugin('MaxPooling1D', (c: AnyConfig) => new MaxPooling1D(c)),
  layerPlugin('MaxPooling2D', (c: AnyConfig) => new MaxPooling2D(c)),
  layerPlugin('BatchNormalization', (c: AnyConfig) => new BatchNormalization(c as BatchNormalizationConfig)),
  layerPlugin('LayerNormalization', (c: AnyConfig) => new LayerNormalization(c as LayerNormalizationConfig)),
  layerPlugin('Bidirectional', (c: AnyConfig) => new Bidirectional(c as BidirectionalConfig)),
  layerPlugin('GRU', (c: AnyConfig) => new GRU(c as GRUConfig)),
  layerPlugin('LSTM', (c: AnyConfig) => new LSTM(c as LSTMConfig)),
  layerPlugin('SimpleRNN', (c: AnyConfig) => new SimpleRNN(c as SimpleRNNConfig)),
  layerPlugin('Dropout', (c: AnyConfig) => new Dropout(c as DropoutConfig)),
  layerPlugin('GaussianNoise', (c: AnyConfig) => new GaussianNoise(c as GaussianNoiseConfig)),
  layerPlugin('SpatialDropout2D', (c: AnyConfig) => new SpatialDropout2D(c as SpatialDropout2DConfig)),
  layerPlugin('Dense', (c: AnyConfig) => new Dense(c as DenseConfig)),
  layerPlugin('Embedding', (c: AnyConfig) => new Embedding(c as EmbeddingConfig)),
  layerPlugin('Flatten', (c: AnyConfig) => new Flatten(c)),
  layerPlugin('Permute', (c: AnyConfig) => new Permute(c as PermuteConfig)),
  layerPlugin('RepeatVector', (c: AnyConfig) => new RepeatVector(c as RepeatVectorConfig)),
  layerPlugin('Rescaling', (c: AnyConfig) => new Rescaling(c as RescalingConfig)),
  layerPlugin('Reshape', (c: AnyConfig) => new Reshape(c as ReshapeConfig)),
  layerPlugin('Add', (c: AnyConfig) => new Add(c)),
  layerPlugin('Average', (c: AnyConfig) => new Average(c)),
  layerPlugin('Concatenate', (c: AnyConfig) => new Concatenate(c as ConcatenateConfig)),
  layerPlugin('Maximum', (c: AnyConfig) => new Maximum(c)),
  layerPlugin('Minimum', (c: AnyConfig) => new Minimum(c)),
  layerPlugin('Multiply', (c: AnyConfig) => new Multiply(c)),
  layerPlugin('Subtract', (c: AnyConfig) => new Subtract(c)),
];
