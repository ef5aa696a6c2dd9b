import { type Plugin, ValidationError } from '@tessera/core';
import type * as tf from '@tensorflow/tfjs-core';
import { binaryCrossentropy } from './binary-crossentropy.js';
import { categoricalCrossentropy, sparseCategoricalCrossentropy } from './categorical-crossentropy.js';
import { cosineSimilarity } from './cosine-similarity.js';
import { discriminatorLoss, nonSaturatingGeneratorLoss } from './gan.js';
import { hinge, squaredHinge } from './hinge.js';
import { klDivergence, poisson } from './probabilistic.js';
import { meanAbsoluteError, meanSquaredError, meanSquaredLogarithmicError } from './regression.js';
import { huber, logCosh } from './robust.js';
import type { LossFunction } from './types.js';

/** A loss plugin: `create(options)` returns the {@link LossFunction} with its options bound. */
export type LossPlugin = Plugin<'loss', Record<string, unknown> | undefined, LossFunction>;

function plugin(
  name: string,
  aliases: readonly string[],
  optionNames: readonly string[],
  bind: (options: any) => LossFunction,
): LossPlugin {
  return {
    kind: 'loss',
    id: `loss:${name}`,
    apiVersion: 1,
    aliases,
    create(options) {
      const o = options ?? {};
      if (typeof o !== 'object') throw ValidationError.expected('an options object', o, `loss:${name}`);
      const unknown = Object.keys(o).filter((k) => !optionNames.includes(k));
      if (unknown.length > 0) {
        throw new ValidationError(
          `Unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}; loss:${name} accepts ${optionNames.length ? optionNames.join(', ') : 'no options'}`,
          { where: `loss:${name}` },
        );
      }
      return bind(o);
    },
  };
}

const plain = (fn: LossFunction) => () => fn;
const xent = ['fromLogits', 'labelSmoothing'];

/**
 * The loss plugins (`loss:<camelCaseName>`), with Keras's string aliases (short, snake_case, class names).
 * @example
 * ```ts
 * import { createRegistry } from '@tessera/core';
 * import { lossPlugins } from '@tessera/optim';
 * const reg = createRegistry();
 * for (const plugin of lossPlugins) reg.register(plugin);
 * const loss = reg.create('sparse_categorical_crossentropy', { fromLogits: true }, 'loss');
 * ```
 */
export const lossPlugins: readonly LossPlugin[] = [
  plugin(
    'meanSquaredError',
    ['mse', 'MSE', 'mean_squared_error', 'MeanSquaredError'],
    [],
    plain(meanSquaredError),
  ),
  plugin(
    'meanAbsoluteError',
    ['mae', 'MAE', 'mean_absolute_error', 'MeanAbsoluteError'],
    [],
    plain(meanAbsoluteError),
  ),
  plugin(
    'meanSquaredLogarithmicError',
    ['msle', 'MSLE', 'mean_squared_logarithmic_error', 'MeanSquaredLogarithmicError'],
    [],
    plain(meanSquaredLogarithmicError),
  ),
  plugin('huber', ['huber_loss', 'Huber'], ['delta'], (o) => (y: tf.Tensor, p: tf.Tensor) => huber(y, p, o)),
  plugin('logCosh', ['logcosh', 'log_cosh', 'LogCosh'], [], plain(logCosh)),
  plugin(
    'binaryCrossentropy',
    ['binary_crossentropy', 'BinaryCrossentropy', 'bce'],
    xent,
    (o) => (y: tf.Tensor, p: tf.Tensor) => binaryCrossentropy(y, p, o),
  ),
  plugin(
    'categoricalCrossentropy',
    ['categorical_crossentropy', 'CategoricalCrossentropy', 'cce'],
    xent,
    (o) => (y: tf.Tensor, p: tf.Tensor) => categoricalCrossentropy(y, p, o),
  ),
  plugin(
    'sparseCategoricalCrossentropy',
    ['sparse_categorical_crossentropy', 'SparseCategoricalCrossentropy'],
    ['fromLogits'],
    (o) => (y: tf.Tensor, p: tf.Tensor) => sparseCategoricalCrossentropy(y, p, o),
  ),
  plugin(
    'klDivergence',
    ['kld', 'KLD', 'kl_divergence', 'kullback_leibler_divergence', 'KLDivergence'],
    [],
    plain(klDivergence),
  ),
  plugin('poisson', ['Poisson'], [], plain(poisson)),
  plugin('cosineSimilarity', ['cosine_similarity', 'CosineSimilarity'], [], plain(cosineSimilarity)),
  plugin('hinge', ['Hinge'], [], plain(hinge)),
  plugin('squaredHinge', ['squared_hinge', 'SquaredHinge'], [], plain(squaredHinge)),
  // As (targets, predictions) losses: the generator ignores its targets; the discriminator takes (real, fake).
  plugin(
    'nonSaturatingGeneratorLoss',
    ['non_saturating_generator_loss', 'ganGenerator'],
    [],
    () => (_y, p) => nonSaturatingGeneratorLoss(p),
  ),
  plugin('discriminatorLoss', ['discriminator_loss', 'ganDiscriminator'], [], plain(discriminatorLoss)),
];
