import { ValidationError } from '@tessera/core';
import type * as tf from '@tensorflow/tfjs-core';
import { Dataset } from '../dataset/dataset.js';
import { disposeConsumed } from '../dataset/element-tree.js';
import { isPlainObject } from '../dataset/element-tree.js';
import { randomSeed } from '../random/rng.js';
import { createImageAugmenter } from './augment.js';
import type { AugmentationConfig } from './augmentation-config.js';

/**
 * Augments the images of a dataset: each element is an image tensor (`[H, W, C]` or a batch
 * `[N, H, W, C]`), or an object whose `key` field holds one (default `'image'`; other fields pass through).
 * Pass `p` draws from seed `seed + p`, so epochs differ but runs repeat exactly.
 * @example
 * ```ts
 * const train = augmentDataset(ds.batch(32), { horizontalFlip: true, rotationRange: 10 }, { seed: 1, key: 'image' });
 * ```
 * @throws {ValidationError} for invalid ranges, or (while iterating) an element without an image.
 */
export function augmentDataset<T>(
  dataset: Dataset<T>,
  config: AugmentationConfig,
  options: { seed?: number; key?: string; fused?: boolean } = {},
): Dataset<T> {
  createImageAugmenter(config, { seed: 0 }); // validates the config now, not at first iteration
  const seed = options.seed ?? randomSeed();
  const key = options.key ?? 'image';
  const source = Dataset.producerOf(dataset);
  let pass = 0;
  const producer = async function* () {
    const augmenter = createImageAugmenter(config, { seed: (seed + Math.imul(pass++, 0x9e3779b1)) | 0 });
    for await (const element of source()) {
      const target = isPlainObject(element) ? element[key] : element;
      if (!target || typeof (target as tf.Tensor).rank !== 'number') {
        disposeConsumed(element, undefined);
        throw ValidationError.expected(
          `an image tensor (or an object with '${key}')`,
          element,
          'augmentDataset',
        );
      }
      const augmented = augmenter.apply(target as tf.Tensor4D, { fused: options.fused ?? true });
      const out = isPlainObject(element) ? { ...element, [key]: augmented } : augmented;
      disposeConsumed(element, out);
      yield out as T;
    }
  };
  return new Dataset(producer, dataset.size, () => dataset.dispose());
}
