import { cloneTree, disposeTree, type TensorTree, ValidationError } from '@tessera/core';
import { PrivacyBudgetExceededError } from '../privacy/privacy-errors.js';
import { type Authenticator, createAuthenticator } from '../runtime/auth.js';
import { RuntimeTimeoutError } from '../runtime/runtime-errors.js';
import { treeToWire } from '../runtime/wire-tree.js';
import { InsufficientClientsError } from '../strategy/client-sampling.js';
import { disposeStrategyState } from '../strategy/strategy-state.js';
import type { ClientInfo, ClientInstruction, FitResult, StrategyState } from '../strategy/types.js';
import { ClientHub } from './client-hub.js';
import { runEvaluateRound } from './evaluate-round.js';
import { type FitRoundOutcome, runFitRound } from './fit-round.js';
import type { RoundRecord, ServerReport } from './round-record.js';
import { runSecureFitRound } from './secure-fit-round.js';
import { loadServerCheckpoint, saveServerCheckpoint } from './server-checkpoint.js';
import {
  type FederatedServerOptions,
  type ResolvedServerOptions,
  resolveServerOptions,
} from './server-options.js';

/**
 * The federated server (Node): a WebSocket endpoint (`ws`) that authenticates clients, runs the strategy's
 * rounds over them — plain or under secure aggregation — validates every update before aggregating, and
 * checkpoints model, strategy state, privacy accountant and round number atomically after every round, so
 * a killed server restarted with the same `checkpointPath` resumes after the last completed round.
 *
 * Rounds wait for `minClients` connections; stragglers past `roundTimeoutMs` and clients that drop out
 * count as failures (the strategy decides whether to aggregate without them); a client that reconnects
 * within `reconnectGraceMs` gets its instruction again. Training stops early, saying why, when a DP
 * strategy's privacy budget would be exceeded.
 *
 * @example
 * ```ts
 * import { FederatedServer } from '@tessera/federated/node';
 * const server = new FederatedServer({ strategy: fedAvg(), initialParameters, rounds: 10,
 *   auth: { tokens: { alice: 'token-a', bob: 'token-b' } }, checkpointPath: 'run/server.safetensors' });
 * const { url } = await server.start();
 * const report = await server.run();
 * await server.close();
 * ```
 * @throws {@link ValidationError} for malformed options.
 */
export class FederatedServer<S extends StrategyState = StrategyState> {
  readonly #o: ResolvedServerOptions<S>;
  readonly #auth: Authenticator;
  readonly #hub: ClientHub;
  #parameters: TensorTree | null = null;
  #state: S | null = null;
  #round = 0;
  #history: RoundRecord[] = [];
  #resumedFrom: number | null = null;

  constructor(options: FederatedServerOptions<S>) {
    this.#o = resolveServerOptions(options);
    const auth = this.#o.auth;
    this.#auth =
      'verify' in auth && typeof auth.verify === 'function'
        ? (auth as Authenticator)
        : createAuthenticator(auth as never);
    this.#hub = new ClientHub({
      auth: this.#auth,
      log: this.#o.log,
      handshakeTimeoutMs: 10_000,
      maxPayloadBytes: this.#o.maxPayloadBytes,
    });
    this.#parameters = cloneTree(this.#o.initialParameters);
  }

  /** Restores the checkpoint if there is one, and starts listening (the initial parameters were copied when constructed). */
  async start(): Promise<{ port: number; url: string }> {
    const resumed = this.#o.checkpointPath
      ? await loadServerCheckpoint<S, RoundRecord>(this.#o.checkpointPath)
      : null;
    if (resumed) {
      disposeTree(this.#parameters!);
      this.#parameters = resumed.parameters;
      this.#state = resumed.strategyState;
      this.#round = resumed.round;
      this.#history = [...resumed.history];
      this.#resumedFrom = resumed.round;
      this.#o.log(`resumed from the checkpoint after round ${resumed.round}`);
    } else {
      this.#state = this.#o.strategy.init(this.#parameters!);
    }
    const port = await this.#hub.listen(this.#o.port, this.#o.host);
    this.#o.log(`listening on ws://${this.#o.host}:${port}`);
    return { port, url: `ws://${this.#o.host}:${port}` };
  }

  /** The last completed round. */
  get round(): number {
    return this.#round;
  }

  /**
   * The current global parameters (owned by the server; clone them to keep them).
   * @throws {@link ValidationError} after `close()`.
   */
  get parameters(): TensorTree {
    if (!this.#parameters)
      throw new ValidationError('The server was closed', { where: 'FederatedServer.parameters' });
    return this.#parameters;
  }

  /** Refuses a client from now on, disconnecting it. */
  revoke(clientId: string): void {
    this.#hub.revoke(clientId);
  }

  /**
   * Runs rounds until `rounds` are complete or training must stop; tells every client it is done.
   * @throws {@link RuntimeTimeoutError} when too few clients connect in time.
   */
  async run(): Promise<ServerReport> {
    if (this.#state === null) await this.start();
    let stopReason = 'completed';
    while (this.#round < this.#o.rounds) {
      try {
        await this.#runRound(this.#round + 1);
      } catch (e) {
        if (!(e instanceof PrivacyBudgetExceededError)) throw e;
        stopReason = e.message;
        this.#o.log(`stopping: ${e.message}`);
        break;
      }
    }
    this.#hub.broadcast({ type: 'done', round: this.#round, reason: stopReason });
    return { rounds: [...this.#history], resumedFrom: this.#resumedFrom, stopReason };
  }

  /** Stops listening and frees the parameters and state. */
  async close(): Promise<void> {
    await this.#hub.close();
    if (this.#parameters) disposeTree(this.#parameters);
    if (this.#state !== null) disposeStrategyState(this.#state);
    this.#parameters = null;
    this.#state = null;
  }

  async #runRound(round: number): Promise<void> {
    const started = Date.now();
    const { strategy, log } = this.#o;
    const parameters = this.#parameters!;
    const state = this.#state!;
    const instructions = await this.#configure((clients) =>
      strategy.configureFit({ round, parameters, state, clients }),
    );
    log(
      `round ${round}: ${instructions.length} clients instructed (${instructions.map((i) => i.clientId).join(', ')})`,
    );
    const global = await treeToWire(parameters);
    const settings = {
      round,
      instructions,
      global,
      timeoutMs: this.#o.roundTimeoutMs,
      reconnectGraceMs: this.#o.reconnectGraceMs,
      bounds: this.#o.validation,
      log,
    };
    const secure = this.#o.secureAggregation;
    const outcome: FitRoundOutcome = secure
      ? await runSecureFitRound(this.#hub, {
          ...settings,
          threshold: secure.threshold,
          clipRange: secure.clipRange ?? (instructions[0]?.config.dpClipNorm as number | undefined) ?? 1,
          phaseTimeoutMs: secure.phaseTimeoutMs ?? this.#o.roundTimeoutMs,
        })
      : await runFitRound(this.#hub, settings);
    let next: Awaited<ReturnType<typeof strategy.aggregateFit>>;
    try {
      next = await strategy.aggregateFit({
        round,
        parameters,
        state,
        results: outcome.results,
        failures: outcome.failures,
      });
    } finally {
      disposeResults(outcome.results);
    }
    disposeTree(parameters);
    disposeStrategyState(state);
    this.#parameters = next.parameters;
    this.#state = next.state;
    const evaluation = this.#o.evaluate ? await this.#o.evaluate(next.parameters, round) : undefined;
    const federatedEvaluation = await this.#federatedEvaluation(round);
    this.#round = round;
    const record: RoundRecord = {
      round,
      instructed: instructions.map((i) => i.clientId),
      aggregated: outcome.results.length,
      failures: outcome.failures.map((f) => ({
        clientId: f.clientId,
        reason: f.error instanceof Error ? f.error.message : String(f.error),
      })),
      rejected: outcome.rejected,
      fitMetrics: next.metrics,
      ...(evaluation ? { evaluation: { loss: evaluation.loss, metrics: evaluation.metrics ?? {} } } : {}),
      ...(federatedEvaluation ? { federatedEvaluation } : {}),
      durationMs: Date.now() - started,
    };
    this.#history.push(record);
    if (this.#o.checkpointPath) {
      await saveServerCheckpoint(this.#o.checkpointPath, {
        round,
        parameters: next.parameters,
        strategyState: next.state,
        history: this.#history,
      });
    }
    log(
      `round ${round} done: ${JSON.stringify({ aggregated: record.aggregated, failures: record.failures.length, ...record.fitMetrics, ...record.evaluation?.metrics })}`,
    );
    this.#o.onRound?.(record);
  }

  async #federatedEvaluation(round: number): Promise<RoundRecord['federatedEvaluation']> {
    const { strategy } = this.#o;
    const parameters = this.#parameters!;
    const state = this.#state!;
    let instructions: ClientInstruction[];
    try {
      instructions = strategy.configureEvaluate({ round, parameters, state, clients: this.#hub.clients });
    } catch (e) {
      if (e instanceof InsufficientClientsError) return undefined;
      throw e;
    }
    if (instructions.length === 0) return undefined;
    const global = await treeToWire(parameters);
    const { results, failures } = await runEvaluateRound(this.#hub, {
      round,
      instructions,
      global,
      timeoutMs: this.#o.roundTimeoutMs,
    });
    const outcome = await strategy.aggregateEvaluate({ round, state, results, failures });
    return { loss: outcome.loss, metrics: outcome.metrics };
  }

  /** Waits for enough clients, then asks the strategy; waits again while it finds too few. */
  async #configure(configure: (clients: ClientInfo[]) => ClientInstruction[]): Promise<ClientInstruction[]> {
    const deadline = Date.now() + this.#o.waitForClientsTimeoutMs;
    let needed = this.#o.minClients;
    for (;;) {
      await this.#waitForClients(needed, deadline);
      try {
        return configure(this.#hub.clients.map((c) => ({ id: c.id, properties: c.properties })));
      } catch (e) {
        if (!(e instanceof InsufficientClientsError)) throw e;
        needed = Math.max(needed, e.required);
        if (this.#hub.clients.length >= needed) throw e;
      }
    }
  }

  #waitForClients(count: number, deadline: number): Promise<void> {
    if (this.#hub.clients.length >= count) return Promise.resolve();
    this.#o.log(`waiting for ${count} clients (${this.#hub.clients.length} connected)`);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => {
          off();
          reject(
            new RuntimeTimeoutError(
              `Expected ${count} connected clients, ${this.#hub.clients.length} came in time`,
              { where: 'FederatedServer.run' },
            ),
          );
        },
        Math.max(0, deadline - Date.now()),
      );
      const off = this.#hub.on('join', () => {
        if (this.#hub.clients.length < count) return;
        clearTimeout(timer);
        off();
        resolve();
      });
    });
  }
}

function disposeResults(results: readonly FitResult[]): void {
  // Results of a secure round share one tree; dispose each tree once.
  for (const tree of new Set(results.map((r) => r.parameters))) disposeTree(tree);
}
