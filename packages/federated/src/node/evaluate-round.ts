import type { WireTree } from '../runtime/wire-tree.js';
import type { ClientFailure, ClientInstruction, EvaluateResult } from '../strategy/types.js';
import type { ClientHub } from './client-hub.js';
import { collectReplies } from './collect-replies.js';

/**
 * One federated evaluation round: every chosen client evaluates the global parameters on its own data;
 * drop-outs and stragglers become failures.
 * @internal
 */
export async function runEvaluateRound(
  hub: ClientHub,
  settings: {
    round: number;
    instructions: readonly ClientInstruction[];
    global: WireTree;
    timeoutMs: number;
  },
): Promise<{ results: EvaluateResult[]; failures: ClientFailure[] }> {
  const { round, instructions, global } = settings;
  for (const i of instructions)
    hub.send(i.clientId, { type: 'evaluate', round, config: i.config, parameters: global });
  const { replies, failed, missing } = await collectReplies(hub, {
    round,
    clients: instructions.map((i) => i.clientId),
    types: ['evaluate-result'],
    timeoutMs: settings.timeoutMs,
  });
  const results: EvaluateResult[] = [];
  const failures: ClientFailure[] = [];
  for (const [clientId, r] of replies) {
    if (Number.isFinite(r.loss))
      results.push({ clientId, loss: r.loss, numExamples: r.numExamples, metrics: r.metrics });
    else failures.push({ clientId, error: new Error(`non-finite loss ${r.loss}`) });
  }
  for (const [clientId, message] of failed) failures.push({ clientId, error: new Error(message) });
  for (const clientId of missing) failures.push({ clientId, error: new Error('dropped out or timed out') });
  return { results, failures };
}
