import type { TensorTree } from '@tessera/core';
import type * as tf from '@tensorflow/tfjs-core';

/** A value in a round's configuration sent to clients (learning rate, local epochs, proximal μ…). */
export type ConfigValue = number | string | boolean;

/** Per-round configuration sent to a client with its instruction. */
export type ConfigRecord = Readonly<Record<string, ConfigValue>>;

/** A client the server can reach this round. */
export interface ClientInfo {
  /** Stable identifier, unique among clients. */
  readonly id: string;
  /** What the client reported about itself (device, dataset size…); strategies may use it. */
  readonly properties?: ConfigRecord;
}

/** Tells one client to train (fit) or evaluate starting from `parameters` with `config`. */
export interface ClientInstruction {
  readonly clientId: string;
  /** The global parameters to start from. Shared between instructions: do not dispose them. */
  readonly parameters: TensorTree;
  readonly config: ConfigRecord;
}

/** What a client returns after local training. */
export interface FitResult {
  readonly clientId: string;
  /** The client's locally trained parameters (same structure as the global parameters). */
  readonly parameters: TensorTree;
  /** How many examples the client trained on: the weight of its result in FedAvg. */
  readonly numExamples: number;
  /** Scalar training metrics (loss, accuracy…). */
  readonly metrics?: Readonly<Record<string, number>>;
}

/** What a client returns after local evaluation. */
export interface EvaluateResult {
  readonly clientId: string;
  readonly loss: number;
  readonly numExamples: number;
  /** Scalar metrics, averaged over clients weighted by `numExamples`. */
  readonly metrics?: Readonly<Record<string, number>>;
  /**
   * States of mergeable metrics (`@tessera/metrics`), merged exactly across clients with `Metric.merge`
   * and computed once on the server.
   */
  readonly metricStates?: Readonly<Record<string, unknown>>;
}

/** A client that was instructed but did not return a result. */
export interface ClientFailure {
  readonly clientId: string;
  readonly error: unknown;
}

/**
 * Strategy state: tensors and plain values (numbers, strings, booleans, null, arrays, plain objects), so one
 * tree walk can checkpoint, restore or dispose it ({@link disposeStrategyState}).
 */
export type StrategyState =
  | tf.Tensor
  | number
  | string
  | boolean
  | null
  | readonly StrategyState[]
  | { readonly [key: string]: StrategyState };

/** Arguments of {@link Strategy.configureFit} and {@link Strategy.configureEvaluate}. */
export interface ConfigureContext<S extends StrategyState> {
  /** 1-based round number. */
  readonly round: number;
  /** The current global parameters. */
  readonly parameters: TensorTree;
  readonly state: S;
  /** The clients available now. */
  readonly clients: readonly ClientInfo[];
}

/** Arguments of {@link Strategy.aggregateFit}. */
export interface AggregateFitContext<S extends StrategyState> {
  readonly round: number;
  /** The global parameters the round started from. */
  readonly parameters: TensorTree;
  readonly state: S;
  readonly results: readonly FitResult[];
  readonly failures: readonly ClientFailure[];
}

/** What {@link Strategy.aggregateFit} returns: new tensors, owned by the caller. */
export interface AggregateFitOutcome<S extends StrategyState> {
  readonly parameters: TensorTree;
  readonly state: S;
  readonly metrics: Readonly<Record<string, number>>;
}

/** Arguments of {@link Strategy.aggregateEvaluate}. */
export interface AggregateEvaluateContext<S extends StrategyState> {
  readonly round: number;
  readonly state: S;
  readonly results: readonly EvaluateResult[];
  readonly failures: readonly ClientFailure[];
}

/** What {@link Strategy.aggregateEvaluate} returns. */
export interface EvaluateOutcome {
  /** Example-weighted mean loss; `NaN` when nothing was evaluated. */
  readonly loss: number;
  /** Example-weighted scalar metrics and the computed values of merged metric states. */
  readonly metrics: Readonly<Record<string, unknown>>;
}

/**
 * The central abstraction of `@tessera/federated`: a federated round split into four pure steps, with the
 * strategy's state passed in and returned as a value (checkpointable, never hidden in the object).
 *
 * - `configureFit` picks clients and says what each should train;
 * - `aggregateFit` turns their results into new global parameters and the next state;
 * - `configureEvaluate` / `aggregateEvaluate` do the same for federated evaluation.
 *
 * Ownership: `aggregateFit` returns new tensors for `parameters` and for every tensor in `state`; the
 * caller disposes the previous parameters and state ({@link disposeStrategyState}) once it adopts the new
 * ones. Instructions reference the current parameters without copying them.
 *
 * Differential privacy and secure aggregation are wrappers that take a strategy and return a strategy.
 *
 * @typeParam S - the strategy's state
 * @example
 * ```ts
 * const strategy = fedAvg({ fractionFit: 0.1, minFitClients: 10 });
 * let state = strategy.init(parameters);
 * const instructions = strategy.configureFit({ round: 1, parameters, state, clients });
 * const results = await runClients(instructions); // the runtime's job
 * const next = await strategy.aggregateFit({ round: 1, parameters, state, results, failures: [] });
 * ```
 * @see Beutel et al., "Flower: A Friendly Federated Learning Research Framework" (2020), the `Strategy`
 *   interface this one follows.
 */
export interface Strategy<S extends StrategyState = StrategyState> {
  /** Name used in logs and plugin ids, e.g. `'fedavg'`. */
  readonly name: string;
  /** The state before the first round, for global parameters shaped like `parameters`. */
  init(parameters: TensorTree): S;
  configureFit(context: ConfigureContext<S>): ClientInstruction[];
  aggregateFit(context: AggregateFitContext<S>): Promise<AggregateFitOutcome<S>>;
  configureEvaluate(context: ConfigureContext<S>): ClientInstruction[];
  aggregateEvaluate(context: AggregateEvaluateContext<S>): Promise<EvaluateOutcome>;
}
