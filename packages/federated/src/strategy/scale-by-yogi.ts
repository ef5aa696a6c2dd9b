import { assertSameStructure, type TensorTree, ValidationError } from '@tessera/core';
import type { GradientTransform } from '@tessera/optim';
import * as tf from '@tensorflow/tfjs-core';

/** Options of {@link scaleByYogi}. */
export interface ScaleByYogiOptions {
  /** Decay of the first moment; default 0.9. */
  readonly beta1?: number;
  /** Rate of the second-moment update; default 0.999. */
  readonly beta2?: number;
  /** Added to `√v` in the denominator; default 1e-3 (the Yogi paper's). */
  readonly epsilon?: number;
  /** Initial second moment; default 1e-6 (the Yogi paper's). */
  readonly initialAccumulatorValue?: number;
  /** Scale by `√(1−β₂ᵗ)/(1−β₁ᵗ)` as Adam does; default true. */
  readonly biasCorrection?: boolean;
}

/** State of {@link scaleByYogi}. */
export type ScaleByYogiState = { readonly count: number; readonly mu: TensorTree; readonly nu: TensorTree };

/**
 * Yogi's scaling, a `GradientTransform` in `@tessera/optim`'s form: `m ← β₁m + (1−β₁)g`,
 * `v ← v − (1−β₂)·sign(v − g²)·g²` (additive, so `v` cannot grow as fast as Adam's when gradients are
 * sparse), update `m / (√v + ε)`, times `√(1−β₂ᵗ)/(1−β₁ᵗ)` with bias correction.
 *
 * @example
 * ```ts
 * import { chain, scaleByLearningRate } from '@tessera/optim';
 * const yogi = chain(scaleByYogi({ beta2: 0.99 }), scaleByLearningRate(1e-2));
 * ```
 * @throws {@link ValidationError} if a β is outside [0, 1) or ε / the initial accumulator is negative.
 * @see Zaheer, Reddi, Sachan, Kale & Kumar, "Adaptive Methods for Nonconvex Optimization", NeurIPS 2018.
 */
export function scaleByYogi(options: ScaleByYogiOptions = {}): GradientTransform<ScaleByYogiState> {
  const check = (
    value: number | undefined,
    fallback: number,
    ok: (v: number) => boolean,
    expected: string,
    name: string,
  ) => {
    const v = value ?? fallback;
    if (!(typeof v === 'number' && ok(v)))
      throw ValidationError.expected(expected, v, `scaleByYogi(${name})`);
    return v;
  };
  const inUnit = (v: number) => v >= 0 && v < 1;
  const nonNegative = (v: number) => v >= 0 && Number.isFinite(v);
  const b1 = check(options.beta1, 0.9, inUnit, 'a value in [0, 1)', 'beta1');
  const b2 = check(options.beta2, 0.999, inUnit, 'a value in [0, 1)', 'beta2');
  const eps = check(options.epsilon, 1e-3, nonNegative, 'a non-negative number', 'epsilon');
  const v0 = check(
    options.initialAccumulatorValue,
    1e-6,
    nonNegative,
    'a non-negative number',
    'initialAccumulatorValue',
  );
  const biasCorrection = options.biasCorrection ?? true;
  return {
    init: (params) => ({
      count: 0,
      mu: Object.fromEntries(Object.entries(params).map(([k, p]) => [k, tf.zeros(p.shape)])),
      nu: Object.fromEntries(Object.entries(params).map(([k, p]) => [k, tf.fill(p.shape, v0)])),
    }),
    async update(grads, state) {
      assertSameStructure(state.mu, grads, 'scaleByYogi.update(grads)');
      const t = state.count + 1;
      const correction = biasCorrection ? Math.sqrt(1 - b2 ** t) / (1 - b1 ** t) : 1;
      const mu: TensorTree = {};
      const nu: TensorTree = {};
      const updates: TensorTree = {};
      for (const name of Object.keys(state.mu)) {
        const [m, v, u] = tf.tidy(() => {
          const g = grads[name]!;
          const g2 = tf.square(g);
          const m = tf.add(tf.mul(state.mu[name]!, b1), tf.mul(g, 1 - b1));
          const v = tf.sub(state.nu[name]!, tf.mul(tf.mul(tf.sign(tf.sub(state.nu[name]!, g2)), g2), 1 - b2));
          return [m, v, tf.mul(tf.div(m, tf.add(tf.sqrt(v), eps)), correction)];
        });
        mu[name] = m;
        nu[name] = v;
        updates[name] = u;
      }
      return { updates, state: { count: t, mu, nu } };
    },
  };
}
