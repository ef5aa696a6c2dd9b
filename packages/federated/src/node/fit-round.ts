import { type UpdateBounds, validateUpdate } from '../runtime/update-validation.js';
import { type WireTree, wireToTree } from '../runtime/wire-tree.js';
import type { ClientFailure, ClientInstruction, FitResult } from '../strategy/types.js';
import type { ClientHub } from './client-hub.js';
import { collectReplies } from './collect-replies.js';

/** A client update the server refused to aggregate, and why. */
export interface RejectedUpdate {
  readonly clientId: string;
  readonly reason: string;
}

/** The results of one fit round, ready for `strategy.aggregateFit` (the caller disposes the result trees). */
export interface FitRoundOutcome {
  readonly results: FitResult[];
  readonly failures: ClientFailure[];
  readonly rejected: RejectedUpdate[];
}

/** Settings of {@link runFitRound}. @internal */
export interface FitRoundSettings {
  readonly round: number;
  readonly instructions: readonly ClientInstruction[];
  /** The global parameters as sent, also the reference updates are validated against. */
  readonly global: WireTree;
  readonly timeoutMs: number;
  readonly reconnectGraceMs: number;
  readonly bounds: UpdateBounds;
  readonly log: (line: string) => void;
}

/**
 * One plain fit round: send each chosen client its instruction, wait for results (a client that reconnects
 * within the grace period gets its instruction again; stragglers past the timeout and drop-outs become
 * failures), and validate every update before it becomes a tensor — a rejected update is logged, reported
 * to its client and never aggregated.
 * @internal
 */
export async function runFitRound(hub: ClientHub, settings: FitRoundSettings): Promise<FitRoundOutcome> {
  const { round, instructions, global, log } = settings;
  const byClient = new Map(instructions.map((i) => [i.clientId, i]));
  const instruct = (clientId: string) =>
    hub.send(clientId, { type: 'fit', round, config: byClient.get(clientId)!.config, parameters: global });
  for (const id of byClient.keys()) instruct(id);
  const { replies, failed, missing } = await collectReplies(hub, {
    round,
    clients: [...byClient.keys()],
    types: ['fit-result'],
    timeoutMs: settings.timeoutMs,
    rejoin: { graceMs: settings.reconnectGraceMs, onRejoin: instruct },
  });
  const results: FitResult[] = [];
  const failures: ClientFailure[] = [];
  const rejected: RejectedUpdate[] = [];
  for (const [clientId, reply] of replies) {
    const verdict = validateUpdate(reply.parameters, global, settings.bounds);
    const badMetric = Object.entries(reply.metrics ?? {}).find(([, v]) => !Number.isFinite(v));
    // A DP round with client clipping counts unclipped updates from a bit each client reports.
    const needsBit = typeof byClient.get(clientId)!.config.dpClipNorm === 'number';
    const bit = reply.metrics?.dpUnclipped;
    const reason = !verdict.ok
      ? verdict.reason
      : badMetric
        ? `metric "${badMetric[0]}" is not finite`
        : needsBit && bit !== 0 && bit !== 1
          ? `metrics.dpUnclipped must be 0 or 1, received ${bit}`
          : null;
    if (reason !== null) {
      log(`round ${round}: rejected the update of "${clientId}": ${reason}`);
      hub.send(clientId, { type: 'update-rejected', round, reason });
      rejected.push({ clientId, reason });
      failures.push({ clientId, error: new Error(`update rejected: ${reason}`) });
      continue;
    }
    results.push({
      clientId,
      parameters: wireToTree(reply.parameters),
      numExamples: reply.numExamples,
      metrics: reply.metrics,
    });
  }
  for (const [clientId, message] of failed) failures.push({ clientId, error: new Error(message) });
  for (const clientId of missing) failures.push({ clientId, error: new Error('dropped out or timed out') });
  if (missing.length) log(`round ${round}: no result from ${missing.map((id) => `"${id}"`).join(', ')}`);
  return { results, failures, rejected };
}
