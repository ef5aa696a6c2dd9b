import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { seedOption } from './basic-initializers.js';
import { computeFans, type Initializer } from './initializer.js';

/** Which fan the variance is scaled by. */
export type FanMode = 'fanIn' | 'fanOut' | 'fanAvg';
/** The distribution a variance-scaling initialiser samples. */
export type VarianceScalingDistribution = 'truncatedNormal' | 'untruncatedNormal' | 'uniform';

/** Options of {@link varianceScalingInitializer}. */
export interface VarianceScalingOptions {
  scale?: number;
  mode?: FanMode;
  distribution?: VarianceScalingDistribution;
  seed?: number;
}

const MODES: readonly FanMode[] = ['fanIn', 'fanOut', 'fanAvg'];
const DISTRIBUTIONS: readonly VarianceScalingDistribution[] = [
  'truncatedNormal',
  'untruncatedNormal',
  'uniform',
];
// The standard deviation of a unit normal truncated to [-2, 2]; dividing by it restores the target variance.
const TRUNCATED_STDDEV = 0.8796256610342398;

/**
 * Samples with variance `scale / n`, where `n` is the fan-in, fan-out or their mean (Keras
 * `VarianceScaling`): uniform on `±sqrt(3 scale / n)`, or normal with `stddev = sqrt(scale / n)`
 * (truncated at two deviations and rescaled, as Keras does).
 *
 * @throws ValidationError for a non-positive scale or an unknown mode or distribution
 * @see He et al., "Delving Deep into Rectifiers" (2015); Glorot & Bengio (2010); LeCun et al. (1998)
 * @example
 * ```ts
 * const he = varianceScalingInitializer({ scale: 2, mode: 'fanIn', distribution: 'truncatedNormal' });
 * he([3, 3, 16, 32], 42);
 * ```
 */
export function varianceScalingInitializer(options: VarianceScalingOptions = {}): Initializer {
  const scale = options.scale ?? 1;
  if (typeof scale !== 'number' || !(scale > 0)) {
    throw ValidationError.expected('a positive scale', scale, 'varianceScalingInitializer({ scale })');
  }
  const mode = options.mode ?? 'fanIn';
  if (!MODES.includes(mode))
    throw ValidationError.expected(MODES.join(' | '), mode, 'varianceScalingInitializer({ mode })');
  const distribution = options.distribution ?? 'truncatedNormal';
  if (!DISTRIBUTIONS.includes(distribution)) {
    throw ValidationError.expected(
      DISTRIBUTIONS.join(' | '),
      distribution,
      'varianceScalingInitializer({ distribution })',
    );
  }
  const fixed = seedOption(options as Record<string, unknown>, 'varianceScalingInitializer({ seed })');
  return (shape, seed) => {
    const { fanIn, fanOut } = computeFans(shape);
    const n = Math.max(1, mode === 'fanIn' ? fanIn : mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2);
    const variance = scale / n;
    const s = fixed ?? seed;
    if (distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      return tf.randomUniform([...shape], -limit, limit, 'float32', s);
    }
    if (distribution === 'untruncatedNormal')
      return tf.randomNormal([...shape], 0, Math.sqrt(variance), 'float32', s);
    return tf.truncatedNormal([...shape], 0, Math.sqrt(variance) / TRUNCATED_STDDEV, 'float32', s);
  };
}

export type VarianceScalingPresetOptions = Omit<VarianceScalingOptions, 'scale' | 'mode' | 'distribution'>;

/**
 * Glorot (Xavier) uniform: limit `sqrt(6 / (fanIn + fanOut))`. Keras's default kernel initialiser.
 * @see Glorot & Bengio, "Understanding the difficulty of training deep feedforward neural networks" (2010)
 * @example
 * ```ts
 * glorotUniformInitializer()([784, 128], 0);
 * ```
 */
export function glorotUniformInitializer(options: VarianceScalingPresetOptions = {}): Initializer {
  return varianceScalingInitializer({ ...options, scale: 1, mode: 'fanAvg', distribution: 'uniform' });
}

/**
 * Glorot (Xavier) normal: truncated normal, `stddev = sqrt(2 / (fanIn + fanOut))`.
 * @see Glorot & Bengio (2010)
 * @example
 * ```ts
 * glorotNormalInitializer()([64, 64], 0);
 * ```
 */
export function glorotNormalInitializer(options: VarianceScalingPresetOptions = {}): Initializer {
  return varianceScalingInitializer({
    ...options,
    scale: 1,
    mode: 'fanAvg',
    distribution: 'truncatedNormal',
  });
}

/**
 * He (Kaiming) normal: truncated normal, `stddev = sqrt(2 / fanIn)`.
 * @see He et al., "Delving Deep into Rectifiers" (2015)
 * @example
 * ```ts
 * heNormalInitializer()([3, 3, 3, 16], 0);
 * ```
 */
export function heNormalInitializer(options: VarianceScalingPresetOptions = {}): Initializer {
  return varianceScalingInitializer({ ...options, scale: 2, mode: 'fanIn', distribution: 'truncatedNormal' });
}

/**
 * He (Kaiming) uniform: limit `sqrt(6 / fanIn)`.
 * @see He et al. (2015)
 * @example
 * ```ts
 * heUniformInitializer()([128, 10], 0);
 * ```
 */
export function heUniformInitializer(options: VarianceScalingPresetOptions = {}): Initializer {
  return varianceScalingInitializer({ ...options, scale: 2, mode: 'fanIn', distribution: 'uniform' });
}

/**
 * LeCun normal: truncated normal, `stddev = sqrt(1 / fanIn)` (the SELU initialiser).
 * @see LeCun et al., "Efficient BackProp" (1998); Klambauer et al., "Self-Normalizing Neural Networks" (2017)
 * @example
 * ```ts
 * lecunNormalInitializer()([32, 32], 0);
 * ```
 */
export function lecunNormalInitializer(options: VarianceScalingPresetOptions = {}): Initializer {
  return varianceScalingInitializer({ ...options, scale: 1, mode: 'fanIn', distribution: 'truncatedNormal' });
}

/**
 * LeCun uniform: limit `sqrt(3 / fanIn)`.
 * @see LeCun et al. (1998)
 * @example
 * ```ts
 * lecunUniformInitializer()([32, 32], 0);
 * ```
 */
export function lecunUniformInitializer(options: VarianceScalingPresetOptions = {}): Initializer {
  return varianceScalingInitializer({ ...options, scale: 1, mode: 'fanIn', distribution: 'uniform' });
}
