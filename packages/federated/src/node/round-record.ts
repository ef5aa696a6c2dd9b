/** What happened in one round, as the server reports and checkpoints it (plain JSON). */
export interface RoundRecord {
  readonly round: number;
  /** Clients instructed to train. */
  readonly instructed: readonly string[];
  /** Clients whose results were aggregated. */
  readonly aggregated: number;
  /** Failed, dropped-out or straggling clients, with the reason. */
  readonly failures: readonly { readonly clientId: string; readonly reason: string }[];
  /** Updates refused by validation. */
  readonly rejected: readonly { readonly clientId: string; readonly reason: string }[];
  /** The strategy's fit metrics (DP strategies add `dpEpsilon`, `dpClipNorm`). */
  readonly fitMetrics: Readonly<Record<string, number>>;
  /** Server-side evaluation of the new parameters, when configured. */
  readonly evaluation?: { readonly loss: number; readonly metrics: Readonly<Record<string, number>> };
  /** Federated evaluation, when the strategy asks clients to evaluate. */
  readonly federatedEvaluation?: {
    readonly loss: number;
    readonly metrics: Readonly<Record<string, unknown>>;
  };
  readonly durationMs: number;
}

/** What `FederatedServer.run()` resolves with. */
export interface ServerReport {
  /** Every completed round, resumed ones included. */
  readonly rounds: readonly RoundRecord[];
  /** The round a restarted server resumed after, or null for a fresh run. */
  readonly resumedFrom: number | null;
  /** Why training ended: `'completed'`, or the reason it stopped early (privacy budget spent…). */
  readonly stopReason: string;
}
