import type { TensorTree } from '@tessera/core';
import type { ConfigRecord } from '../strategy/types.js';

/** What {@link LocalTrainer.fit} returns. */
export interface LocalFitOutcome {
  /** The trained parameters: new tensors, owned by the caller. */
  readonly parameters: TensorTree;
  /** How many examples the round trained on (the client's weight in FedAvg). */
  readonly numExamples: number;
  readonly metrics: Readonly<Record<string, number>>;
}

/** What {@link LocalTrainer.evaluate} returns. */
export interface LocalEvaluateOutcome {
  readonly loss: number;
  readonly numExamples: number;
  readonly metrics: Readonly<Record<string, number>>;
}

/** What a trainer knows about the round it trains in. */
export interface LocalFitContext {
  readonly round: number;
  /** The global parameters the round started from (FedProx's anchor). Do not dispose them. */
  readonly globalParameters: TensorTree;
}

/**
 * A client's model and data behind the four operations federated learning needs. The runtime, the
 * simulation and the browser client talk only to this interface; {@link layersTrainer} implements it for a
 * `@tessera/layers` model, and a test can implement it in a few lines.
 *
 * @example
 * ```ts
 * const trainer: LocalTrainer = layersTrainer({ model, x, y, batchSize: 32 });
 * trainer.setParameters(global);
 * const { parameters, numExamples } = await trainer.fit({ localEpochs: 1 }, { round: 1, globalParameters: global });
 * ```
 */
export interface LocalTrainer {
  /** The current parameters as a named tree: new tensors, owned by the caller. */
  getParameters(): TensorTree;
  /** Replaces the current parameters (the tree keeps its owner). */
  setParameters(parameters: TensorTree): void;
  /** Trains from the current parameters with the round's configuration (`localEpochs`, `batchSize`, `learningRate`, `proximalMu`…). */
  fit(config: ConfigRecord, context: LocalFitContext): Promise<LocalFitOutcome>;
  /** Evaluates the current parameters on the client's held-out data. */
  evaluate(config: ConfigRecord): Promise<LocalEvaluateOutcome>;
}
