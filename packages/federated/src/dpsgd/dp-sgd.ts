import { disposeTree, treeSpec, ValidationError } from '@tessera/core';
import { type Model, modelWeightPaths } from '@tessera/layers';
import type { Optimizer } from '@tessera/optim';
import * as tf from '@tensorflow/tfjs-core';
import { type PrivacyBudget, spendPrivacyBudget } from '../privacy/privacy-budget.js';
import { PrivacyBudgetExceededError } from '../privacy/privacy-errors.js';
import { computeEpsilon, type PrivacyHistory, recordPrivacySteps } from '../privacy/rdp-accountant.js';
import { ChaChaStream, deriveKey } from '../secagg/prg.js';
import { assertDpCompatible } from './dp-compatibility.js';
import { type PerExampleMethod, perExampleGradients } from './per-example-gradients.js';
import { poissonSample } from './poisson-sampling.js';
import { privatizeGradients } from './privatize-gradients.js';

/** Options of {@link trainWithDpSgd}. */
export interface DpSgdOptions {
  /** C, the per-example L2 clip norm. */
  readonly clipNorm: number;
  /** σ, noise standard deviation over C. */
  readonly noiseMultiplier: number;
  /** q, the Poisson sampling rate: each step's batch has `q·N` examples on average. */
  readonly sampleRate: number;
  /** Steps to take (default one epoch, `round(1/q)`). */
  readonly steps?: number;
  /** Training refuses to take a step that would push ε at δ past `maxEpsilon`. */
  readonly budget?: PrivacyBudget;
  /**
   * What happens when the steps asked for do not fit the budget: `'refuse'` (default) throws before the
   * first step; `'stop'` trains up to the last step that fits and returns with `stoppedBy` saying why.
   */
  readonly whenBudgetSpent?: 'refuse' | 'stop';
  /** What was spent before (resume accounting across calls, or across federated rounds). */
  readonly privacy?: PrivacyHistory;
  /** The optimizer the private gradients feed (default: the model's compiled one). */
  readonly optimizer?: Optimizer;
  readonly perExample?: PerExampleMethod;
  /** Seed for sampling and noise, for tests only: real training leaves it unset (OS entropy). */
  readonly seed?: number;
}

/** What {@link trainWithDpSgd} returns. */
export interface DpSgdOutcome {
  /** The accountant's history after training (pass it back in as `privacy` to continue). */
  readonly privacy: PrivacyHistory;
  /** ε at `budget.delta` (NaN without a budget). */
  readonly epsilon: number;
  readonly steps: number;
  /** Mean per-example loss of each step's batch (NaN for an empty batch). */
  readonly losses: number[];
  /** Examples seen, summed over steps. */
  readonly examples: number;
  readonly method: 'vectorized' | 'microbatch';
  /** Why training stopped before `steps` (`whenBudgetSpent: 'stop'`), or null. */
  readonly stoppedBy: string | null;
}

/**
 * DP-SGD on a compiled `@tessera/layers` model: each step draws a Poisson-sampled batch (rate q), computes
 * per-example gradients, clips each to C, adds Gaussian noise σ·C to the sum, divides by `q·N` and lets the
 * optimizer take the step. The RDP accountant is charged before every step. With a `budget`, training
 * never goes past `maxEpsilon`: by default a run whose steps do not all fit is refused with
 * {@link PrivacyBudgetExceededError} before it starts; with `whenBudgetSpent: 'stop'` it trains up to the
 * last step that fits and says why it stopped. Models with BatchNormalization are refused.
 *
 * @example
 * ```ts
 * const out = await trainWithDpSgd(model, x, y, { clipNorm: 1, noiseMultiplier: 1.1, sampleRate: 0.02,
 *   steps: 500, budget: { maxEpsilon: 3, delta: 1e-5 } });
 * ```
 * @throws {@link PrivacyBudgetExceededError} when the budget is spent; {@link DpIncompatibleLayerError};
 *   {@link ValidationError} for malformed options or data.
 * @see Abadi et al., "Deep Learning with Differential Privacy", CCS 2016; Opacus `DPOptimizer`.
 */
export async function trainWithDpSgd(
  model: Model,
  x: tf.Tensor,
  y: tf.Tensor,
  options: DpSgdOptions,
): Promise<DpSgdOutcome> {
  const where = 'trainWithDpSgd(model, x, y, options)';
  assertDpCompatible(model);
  const n = x.shape[0]!;
  const q = options.sampleRate;
  if (!(q > 0 && q <= 1)) throw ValidationError.expected('a sampleRate in (0, 1]', q, where);
  if (y.shape[0] !== n) throw ValidationError.expected(`${n} targets`, y.shape[0], where);
  const steps = options.steps ?? Math.max(1, Math.round(1 / q));
  if (!(Number.isSafeInteger(steps) && steps >= 0))
    throw ValidationError.expected('a non-negative integer steps', steps, where);
  if (!model.built) model.build(x.shape.map((d, i) => (i === 0 ? null : d)));
  const optimizer = options.optimizer ?? model.optimizer;
  const trainable = model.trainableWeights;
  const paths = modelWeightPaths(model, trainable);
  const variables = Object.fromEntries(paths.map((p, i) => [p, trainable[i]!.variable]));
  const spec = treeSpec(variables);
  const stream =
    options.seed === undefined
      ? ChaChaStream.random()
      : new ChaChaStream(deriveKey('tessera/federated/dp-sgd', options.seed));
  let privacy = options.privacy ?? [];
  const mechanism = { noiseMultiplier: options.noiseMultiplier, sampleRate: q };
  if (options.budget && (options.whenBudgetSpent ?? 'refuse') === 'refuse') {
    spendPrivacyBudget(privacy, { ...mechanism, steps }, options.budget); // throws before anything is trained
  }
  let stoppedBy: string | null = null;
  const losses: number[] = [];
  let examples = 0;
  let method: DpSgdOutcome['method'] = 'microbatch';
  let taken = 0;
  for (; taken < steps; taken++) {
    const next = { ...mechanism, steps: 1 };
    try {
      privacy = options.budget
        ? spendPrivacyBudget(privacy, next, options.budget)
        : recordPrivacySteps(privacy, next);
    } catch (e) {
      if (!(e instanceof PrivacyBudgetExceededError)) throw e;
      stoppedBy = e.message;
      break;
    }
    const indices = poissonSample(n, q, stream);
    examples += indices.length;
    let grads: Record<string, tf.Tensor>;
    if (indices.length === 0) {
      grads = privatizeGradients(null, spec, { ...options, denominator: q * n, stream });
      losses.push(Number.NaN);
    } else {
      const idx = tf.tensor1d(indices, 'int32');
      const [xb, yb] = [tf.gather(x, idx), tf.gather(y, idx)];
      const out = perExampleGradients(model, xb, yb, options.perExample);
      tf.dispose([idx, xb, yb]);
      method = out.method;
      grads = privatizeGradients(out.gradients, spec, { ...options, denominator: q * n, stream });
      disposeTree(out.gradients);
      losses.push((await out.lossSum.data())[0]! / indices.length);
      out.lossSum.dispose();
    }
    try {
      await optimizer.applyGradients(grads, variables);
    } finally {
      disposeTree(grads);
    }
    model.applyConstraints();
  }
  const epsilon = options.budget ? computeEpsilon(privacy, options.budget.delta).epsilon : Number.NaN;
  return { privacy, epsilon, steps: taken, losses, examples, method, stoppedBy };
}
