import { cloneTree, disposeTree, type TensorTree, ValidationError } from '@tessera/core';
import {
  clientSideClipping,
  composeFitMiddleware,
  type FitHandler,
  type FitMiddleware,
} from '../privacy/client-middleware.js';
import { PrivacyBudgetExceededError } from '../privacy/privacy-errors.js';
import type { LocalTrainer } from '../runtime/local-trainer.js';
import { ChaChaStream, deriveKey } from '../secagg/prg.js';
import { disposeStrategyState } from '../strategy/strategy-state.js';
import type { ClientFailure, EvaluateResult, FitResult, Strategy, StrategyState } from '../strategy/types.js';

/** One simulated client: an id and its trainer (its model and its shard of the data). */
export interface SimulatedClient {
  readonly id: string;
  readonly trainer: LocalTrainer;
}

/** Options of {@link runSimulation}. */
export interface SimulationOptions<S extends StrategyState> {
  readonly strategy: Strategy<S>;
  readonly clients: readonly SimulatedClient[];
  /** Starting global parameters (copied). */
  readonly initialParameters: TensorTree;
  readonly rounds: number;
  /** Server-side evaluation of the global parameters after each round (test accuracy…). */
  readonly evaluate?: (
    parameters: TensorTree,
    round: number,
  ) => Promise<{ loss: number; metrics?: Record<string, number> }>;
  /** Probability that an instructed client drops out of a round (seeded by `seed`); default 0. */
  readonly dropoutRate?: number;
  readonly seed?: number;
  /** Client middleware (local DP…); client-side clipping is added when the strategy asks for it. */
  readonly middleware?: readonly FitMiddleware[];
  readonly onRound?: (record: SimulationRound) => void;
}

/** What happened in one simulated round. */
export interface SimulationRound {
  readonly round: number;
  readonly aggregated: number;
  readonly failures: number;
  readonly fitMetrics: Readonly<Record<string, number>>;
  readonly evaluation?: { readonly loss: number; readonly metrics: Readonly<Record<string, number>> };
  readonly federatedEvaluation?: {
    readonly loss: number;
    readonly metrics: Readonly<Record<string, unknown>>;
  };
}

/** What {@link runSimulation} returns; the caller disposes `parameters`. */
export interface SimulationReport {
  readonly strategy: string;
  readonly rounds: readonly SimulationRound[];
  readonly parameters: TensorTree;
  readonly stopReason: string;
}

/**
 * Federated learning with every client in this process, for research and tests: each round the strategy
 * picks clients, each trains in turn with its {@link LocalTrainer} (or drops out, with seeded probability),
 * the strategy aggregates, and the new parameters are evaluated — the same strategy, trainer and middleware
 * code the networked runtime runs. Stops early, saying why, when a DP strategy's budget is spent.
 *
 * @example
 * ```ts
 * const report = await runSimulation({ strategy: fedAvg({ fractionFit: 0.5 }), clients, initialParameters, rounds: 20,
 *   evaluate: async (p) => evaluateOnTestSet(p) });
 * disposeTree(report.parameters);
 * ```
 * @throws {@link ValidationError} for malformed options.
 */
export async function runSimulation<S extends StrategyState>(
  options: SimulationOptions<S>,
): Promise<SimulationReport> {
  const where = 'runSimulation(options)';
  const { strategy, clients, rounds } = options;
  if (!(Number.isSafeInteger(rounds) && rounds >= 1))
    throw ValidationError.expected('a positive integer rounds', rounds, where);
  const byId = new Map(clients.map((c) => [c.id, c]));
  if (byId.size !== clients.length || clients.length === 0)
    throw ValidationError.expected('clients with unique ids', clients.length, where);
  const dropoutRate = options.dropoutRate ?? 0;
  if (!(dropoutRate >= 0 && dropoutRate < 1))
    throw ValidationError.expected('a dropoutRate in [0, 1)', dropoutRate, where);
  const infos = clients.map((c) => ({ id: c.id }));
  let parameters = cloneTree(options.initialParameters);
  let state = strategy.init(parameters);
  const records: SimulationRound[] = [];
  let stopReason = 'completed';
  try {
    for (let round = 1; round <= rounds; round++) {
      let instructions: ReturnType<typeof strategy.configureFit>;
      try {
        instructions = strategy.configureFit({ round, parameters, state, clients: infos });
      } catch (e) {
        if (!(e instanceof PrivacyBudgetExceededError)) throw e;
        stopReason = e.message;
        break;
      }
      const drops = new ChaChaStream(
        deriveKey('tessera/federated/simulation-dropout', options.seed ?? 0, round),
      );
      const results: FitResult[] = [];
      const failures: ClientFailure[] = [];
      for (const instruction of instructions) {
        if (drops.uniform() < dropoutRate) {
          failures.push({ clientId: instruction.clientId, error: new Error('simulated drop-out') });
          continue;
        }
        const { trainer } = byId.get(instruction.clientId)!;
        const train: FitHandler = async (i) => {
          trainer.setParameters(i.parameters);
          return {
            clientId: i.clientId,
            ...(await trainer.fit(i.config, { round, globalParameters: i.parameters })),
          };
        };
        const clipping = typeof instruction.config.dpClipNorm === 'number' ? [clientSideClipping()] : [];
        try {
          results.push(
            await composeFitMiddleware(train, [...clipping, ...(options.middleware ?? [])])(instruction),
          );
        } catch (error) {
          failures.push({ clientId: instruction.clientId, error });
        }
      }
      const next = await strategy
        .aggregateFit({ round, parameters, state, results, failures })
        .finally(() => {
          for (const r of results) disposeTree(r.parameters);
        });
      disposeTree(parameters);
      disposeStrategyState(state);
      parameters = next.parameters;
      state = next.state;
      const evaluation = options.evaluate ? await options.evaluate(parameters, round) : undefined;
      const federatedEvaluation = await evaluateClients(strategy, round, parameters, state, infos, byId);
      const record: SimulationRound = {
        round,
        aggregated: results.length,
        failures: failures.length,
        fitMetrics: next.metrics,
        ...(evaluation ? { evaluation: { loss: evaluation.loss, metrics: evaluation.metrics ?? {} } } : {}),
        ...(federatedEvaluation ? { federatedEvaluation } : {}),
      };
      records.push(record);
      options.onRound?.(record);
    }
  } finally {
    disposeStrategyState(state);
  }
  return { strategy: strategy.name, rounds: records, parameters, stopReason };
}

async function evaluateClients<S extends StrategyState>(
  strategy: Strategy<S>,
  round: number,
  parameters: TensorTree,
  state: S,
  infos: readonly { id: string }[],
  byId: ReadonlyMap<string, SimulatedClient>,
): Promise<SimulationRound['federatedEvaluation']> {
  const instructions = strategy.configureEvaluate({ round, parameters, state, clients: infos });
  if (instructions.length === 0) return undefined;
  const results: EvaluateResult[] = [];
  const failures: ClientFailure[] = [];
  for (const i of instructions) {
    const { trainer } = byId.get(i.clientId)!;
    try {
      trainer.setParameters(parameters);
      results.push({ clientId: i.clientId, ...(await trainer.evaluate(i.config)) });
    } catch (error) {
      failures.push({ clientId: i.clientId, error });
    }
  }
  const outcome = await strategy.aggregateEvaluate({ round, state, results, failures });
  return { loss: outcome.loss, metrics: outcome.metrics };
}
