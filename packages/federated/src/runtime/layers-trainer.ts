import { assertSameStructure, disposeTree, type TensorTree, ValidationError } from '@tessera/core';
import { type Model, modelWeightPaths } from '@tessera/layers';
import { createOptimizer, type Optimizer } from '@tessera/optim';
import type * as tf from '@tensorflow/tfjs-core';
import { type DpSgdOptions, trainWithDpSgd } from '../dpsgd/dp-sgd.js';
import type { PrivacyHistory } from '../privacy/rdp-accountant.js';
import type { ConfigRecord } from '../strategy/types.js';
import { localEpochs } from './local-epochs.js';
import type { LocalTrainer } from './local-trainer.js';

/** Options of {@link layersTrainer}. */
export interface LayersTrainerOptions {
  /** A compiled single-output model (its loss and metrics are used; its optimizer is not). */
  readonly model: Model;
  /** The client's training data (owned by the caller). */
  readonly x: tf.Tensor;
  readonly y: tf.Tensor;
  /** Held-out data for `evaluate` (default the training data). */
  readonly evaluation?: { readonly x: tf.Tensor; readonly y: tf.Tensor };
  /** Defaults the round's config may override with `localEpochs`, `batchSize`, `learningRate`. */
  readonly localEpochs?: number;
  readonly batchSize?: number;
  readonly learningRate?: number;
  /** The local optimizer, made fresh each round (default SGD at the round's learning rate). */
  readonly optimizer?: (config: ConfigRecord) => Optimizer;
  /** Seed of the local shuffling. */
  readonly seed?: number;
  /**
   * Train locally with DP-SGD (per-example clipping and noise, Poisson sampling); the privacy spent
   * accumulates over rounds, and a round that would take ε past the budget is refused before it starts. `steps` defaults to `localEpochs`
   * epochs of `round(1/sampleRate)` steps.
   */
  readonly dpSgd?: Omit<DpSgdOptions, 'privacy' | 'optimizer' | 'whenBudgetSpent'>;
}

/**
 * A {@link LocalTrainer} for a `@tessera/layers` model: parameters are the model's weights by path
 * (`conv2d/kernel`…), local training runs `localEpochs` epochs of minibatch steps on the client's data with
 * the model's compiled loss — plus FedProx's proximal term `μ/2‖w − w_global‖²` when the round sends
 * `proximalMu` — or DP-SGD when `dpSgd` is set; evaluation is `model.evaluate` on the held-out data.
 *
 * @example
 * ```ts
 * const trainer = layersTrainer({ model, x, y, batchSize: 32, learningRate: 0.05, seed: 1 });
 * ```
 * @throws {@link ValidationError} for an uncompiled model or data of different lengths.
 */
export function layersTrainer(
  options: LayersTrainerOptions,
): LocalTrainer & { readonly privacy: PrivacyHistory } {
  const where = 'layersTrainer(options)';
  const { model, x, y } = options;
  if (!model?.compiled)
    throw new ValidationError('Expected a compiled model (compile({ optimizer, loss, metrics }))', { where });
  if (x.shape[0] !== y.shape[0]) throw ValidationError.expected(`${x.shape[0]} targets`, y.shape[0], where);
  if (!model.built) model.build(x.shape.map((d, i) => (i === 0 ? null : d)));
  let privacy: PrivacyHistory = [];
  const paths = () => modelWeightPaths(model);
  const getParameters = (): TensorTree => {
    const values = model.getWeights();
    return Object.fromEntries(paths().map((p, i) => [p, values[i]!]));
  };
  const number = (config: ConfigRecord, key: string, fallback: number) => {
    const v = config[key] ?? fallback;
    if (!(typeof v === 'number' && v > 0))
      throw ValidationError.expected(`a positive config.${key}`, v, `layersTrainer.fit`);
    return v;
  };
  return {
    get privacy() {
      return privacy;
    },
    getParameters,
    setParameters(parameters) {
      const current = getParameters();
      try {
        assertSameStructure(current, parameters, 'layersTrainer.setParameters');
      } finally {
        disposeTree(current);
      }
      model.setWeights(paths().map((p) => parameters[p]!));
    },
    async fit(config, context) {
      const epochs = number(config, 'localEpochs', options.localEpochs ?? 1);
      const learningRate = number(config, 'learningRate', options.learningRate ?? 0.05);
      const optimizer =
        options.optimizer?.(config) ?? createOptimizer({ name: 'sgd', options: { learningRate } });
      try {
        if (options.dpSgd) {
          if (config.proximalMu)
            throw new ValidationError('FedProx with DP-SGD is not supported', { where: 'layersTrainer.fit' });
          const steps = options.dpSgd.steps ?? epochs * Math.max(1, Math.round(1 / options.dpSgd.sampleRate));
          // A round that does not fit the budget is refused before its first step (trainWithDpSgd's default).
          const out = await trainWithDpSgd(model, x, y, {
            ...options.dpSgd,
            steps,
            privacy,
            optimizer,
            whenBudgetSpent: 'refuse',
          });
          privacy = out.privacy;
          const losses = out.losses.filter(Number.isFinite);
          const metrics: Record<string, number> = {
            loss: losses.reduce((a, b) => a + b, 0) / Math.max(1, losses.length),
          };
          if (options.dpSgd.budget) metrics.dpSgdEpsilon = out.epsilon;
          return { parameters: getParameters(), numExamples: x.shape[0]!, metrics };
        }
        const loss = await localEpochs(model, optimizer, x, y, {
          epochs,
          batchSize: number(config, 'batchSize', options.batchSize ?? 32),
          proximalMu: typeof config.proximalMu === 'number' ? config.proximalMu : 0,
          globalParameters: context.globalParameters,
          seed: options.seed ?? 0,
          round: context.round,
        });
        return { parameters: getParameters(), numExamples: x.shape[0]!, metrics: { loss } };
      } finally {
        optimizer.dispose();
      }
    },
    async evaluate(config) {
      const data = options.evaluation ?? { x, y };
      const logs = await model.evaluate(data.x, data.y, {
        batchSize: number(config, 'batchSize', options.batchSize ?? 32),
      });
      const { loss, ...metrics } = logs;
      return {
        loss: loss ?? Number.NaN,
        numExamples: data.x.shape[0]!,
        metrics: metrics as Record<string, number>,
      };
    },
  };
}
