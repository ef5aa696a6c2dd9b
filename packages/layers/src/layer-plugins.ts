import { type LayerPlugin, layerPlugin } from './layer/layer-plugin.js';
import { Activation, type ActivationConfig } from './layers/activation/activation-layer.js';
import { ELU, type ELUConfig } from './layers/activation/elu-layer.js';
import { LeakyReLU, type LeakyReLUConfig } from './layers/activation/leaky-relu.js';
import { ReLU, type ReLUConfig } from './layers/activation/relu.js';
import { Softmax, type SoftmaxConfig } from './layers/activation/softmax-layer.js';
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
