import { type TensorTree, ValidationError } from '@tessera/core';
import type { Authenticator, AuthenticatorOptions } from '../runtime/auth.js';
import type { UpdateBounds } from '../runtime/update-validation.js';
import type { Strategy, StrategyState } from '../strategy/types.js';
import type { RoundRecord } from './round-record.js';

/** Options of {@link FederatedServer}. */
export interface FederatedServerOptions<S extends StrategyState = StrategyState> {
  readonly strategy: Strategy<S>;
  /** The model's starting parameters (copied; ignored when resuming from a checkpoint). */
  readonly initialParameters: TensorTree;
  /** How many rounds to train in total (a resumed run continues to this number). */
  readonly rounds: number;
  /** Who may join: tokens or HMAC secrets by client id, and revoked ids; or a ready authenticator. */
  readonly auth: AuthenticatorOptions | Authenticator;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port, reported by `start()`. */
  readonly port?: number;
  /** Wait until this many clients are connected before each round (default 2). */
  readonly minClients?: number;
  /** Give up when `minClients` are not connected within this time (default 120 000 ms). */
  readonly waitForClientsTimeoutMs?: number;
  /** Time clients have to train and answer a round (default 60 000 ms); later answers are ignored. */
  readonly roundTimeoutMs?: number;
  /** How long a client that disconnects mid-round may take to reconnect and still train (default 2 000 ms). */
  readonly reconnectGraceMs?: number;
  /** Bounds every update must meet; updates are always checked for structure, shapes, dtype and finiteness. */
  readonly validation?: UpdateBounds;
  /**
   * Secure aggregation (Bonawitz et al. 2017): the server learns only the sum of the clients' updates.
   * `clipRange` is the L2 bound clients clip their update to (default: the DP clip norm the strategy sends,
   * else 1); use a mean-based strategy (FedAvg, FedOpt, DP-FedAvg with `clipping: 'client'`).
   */
  readonly secureAggregation?: {
    readonly threshold: number;
    readonly clipRange?: number;
    readonly phaseTimeoutMs?: number;
  };
  /** Checkpoint file, written atomically after every round and read on start to resume. */
  readonly checkpointPath?: string;
  /** Server-side evaluation of the new global parameters after every round (e.g. test accuracy). */
  readonly evaluate?: (
    parameters: TensorTree,
    round: number,
  ) => Promise<{ loss: number; metrics?: Record<string, number> }>;
  /** Called after every completed round. */
  readonly onRound?: (record: RoundRecord) => void;
  /** Largest frame accepted from a client (default 256 MiB). */
  readonly maxPayloadBytes?: number;
  readonly log?: (line: string) => void;
}

/** Options with defaults filled in. @internal */
export type ResolvedServerOptions<S extends StrategyState> = Required<
  Omit<FederatedServerOptions<S>, 'secureAggregation' | 'checkpointPath' | 'evaluate' | 'onRound'>
> &
  Pick<FederatedServerOptions<S>, 'secureAggregation' | 'checkpointPath' | 'evaluate' | 'onRound'>;

/** Fills defaults and validates. @internal */
export function resolveServerOptions<S extends StrategyState>(
  options: FederatedServerOptions<S>,
): ResolvedServerOptions<S> {
  const where = 'new FederatedServer(options)';
  if (typeof options?.strategy?.configureFit !== 'function')
    throw ValidationError.expected('a Strategy', options?.strategy, `${where} strategy`);
  if (!(Number.isSafeInteger(options.rounds) && options.rounds >= 1))
    throw ValidationError.expected('a positive integer', options.rounds, `${where} rounds`);
  const positive = (name: keyof FederatedServerOptions<S>, fallback: number, integer = false): number => {
    const v = (options[name] as number | undefined) ?? fallback;
    if (!(v > 0 && Number.isFinite(v)) || (integer && !Number.isSafeInteger(v)))
      throw ValidationError.expected(`a positive ${integer ? 'integer' : 'number'}`, v, `${where} ${name}`);
    return v;
  };
  const secure = options.secureAggregation;
  if (secure && !(Number.isSafeInteger(secure.threshold) && secure.threshold >= 2)) {
    throw ValidationError.expected(
      'an integer threshold ≥ 2',
      secure.threshold,
      `${where} secureAggregation.threshold`,
    );
  }
  return {
    ...options,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    minClients: positive('minClients', 2, true),
    waitForClientsTimeoutMs: positive('waitForClientsTimeoutMs', 120_000),
    roundTimeoutMs: positive('roundTimeoutMs', 60_000),
    reconnectGraceMs: positive('reconnectGraceMs', 2_000),
    validation: options.validation ?? {},
    maxPayloadBytes: positive('maxPayloadBytes', 256 * 2 ** 20, true),
    log: options.log ?? (() => {}),
  };
}
