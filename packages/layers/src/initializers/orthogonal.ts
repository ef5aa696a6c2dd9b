import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { seedOption } from './basic-initializers.js';
import type { Initializer } from './initializer.js';

/**
 * A random orthogonal matrix times `gain` (Keras `Orthogonal`): the kernel is viewed as a matrix
 * `[prod(shape[:-1]), shape[-1]]` whose rows (or columns, whichever are fewer) are orthonormal. Made from the
 * QR decomposition of a normal matrix, with `Q`'s columns sign-corrected by `diag(R)` so the result is
 * uniformly distributed. Keras's default recurrent-kernel initialiser.
 *
 * @throws ValidationError when `gain` is not finite, or (on use) the shape has rank < 2
 * @see Saxe et al., "Exact solutions to the nonlinear dynamics of learning in deep linear neural networks" (2014)
 * @example
 * ```ts
 * const q = orthogonalInitializer()([4, 4], 3); // q^T q = I
 * ```
 */
export function orthogonalInitializer(options: { gain?: number; seed?: number } = {}): Initializer {
  const gain = options.gain ?? 1;
  if (typeof gain !== 'number' || !Number.isFinite(gain)) {
    throw ValidationError.expected('a finite gain', gain, 'orthogonalInitializer({ gain })');
  }
  const fixed = seedOption(options as Record<string, unknown>, 'orthogonalInitializer({ seed })');
  return (shape, seed) => {
    if (shape.length < 2) {
      throw ValidationError.expected(
        'a shape of rank >= 2',
        `[${shape.join(', ')}]`,
        'orthogonalInitializer',
      );
    }
    const cols = shape.at(-1)!;
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    return tf.tidy(() => {
      const tall = tf.randomNormal(
        [Math.max(rows, cols), Math.min(rows, cols)],
        0,
        1,
        'float32',
        fixed ?? seed,
      );
      const [q, r] = tf.linalg.qr(tall);
      const signs = tf.sign(tf.sum(tf.linalg.bandPart(r!, 0, 0), 0));
      const corrected = tf.mul(q!, signs);
      const matrix = rows < cols ? tf.transpose(corrected) : corrected;
      return tf.reshape(tf.mul(matrix, gain), [...shape]);
    });
  };
}
