import * as tf from '@tensorflow/tfjs-core';
import { sigmoidCrossEntropyWithLogits } from './stable-logits.js';
import { checkFloat, checkPair } from './types.js';

/**
 * The non-saturating generator loss `−log σ(D(G(z)))` from the discriminator's logits on generated
 * samples, averaged over the last axis; finite for any logit.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { nonSaturatingGeneratorLoss } from '@tessera/optim';
 * nonSaturatingGeneratorLoss(tf.tensor2d([[-100], [0]])); // [100, log 2]
 * ```
 * @throws ValidationError / DTypeError unless `fakeLogits` is a float tensor
 * @see Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014, section 3
 */
export function nonSaturatingGeneratorLoss(fakeLogits: tf.Tensor): tf.Tensor {
  checkFloat(fakeLogits, 'nonSaturatingGeneratorLoss(fakeLogits)');
  return tf.tidy(() => tf.mean(sigmoidCrossEntropyWithLogits(tf.onesLike(fakeLogits), fakeLogits), -1));
}

/**
 * The discriminator loss `−log σ(D(x)) − log(1 − σ(D(G(z))))` from logits on real and generated
 * samples, averaged over the last axis; finite for any logit.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { discriminatorLoss } from '@tessera/optim';
 * discriminatorLoss(tf.tensor2d([[3]]), tf.tensor2d([[-3]]));
 * ```
 * @throws ValidationError / ShapeError / DTypeError unless both are float tensors of the same shape
 * @see Goodfellow et al., "Generative Adversarial Nets", NeurIPS 2014
 */
export function discriminatorLoss(realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Tensor {
  checkPair(realLogits, fakeLogits, 'discriminatorLoss');
  checkFloat(realLogits, 'discriminatorLoss(realLogits)');
  return tf.tidy(() => {
    const real = sigmoidCrossEntropyWithLogits(tf.onesLike(realLogits), realLogits);
    const fake = sigmoidCrossEntropyWithLogits(tf.zerosLike(fakeLogits), fakeLogits);
    return tf.mean(tf.add(real, fake), -1);
  });
}
