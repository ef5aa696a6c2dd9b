import { disposeTree } from '@tessera/core';
import { clientSideClipping, composeFitMiddleware, type FitHandler } from '../privacy/client-middleware.js';
import type { FitResult } from '../strategy/types.js';
import {
  runClientSecureAggregation,
  SecureAggregationInterrupted,
  secureAggregationVector,
} from './client-secure-aggregation.js';
import type { ClientReport, FederatedClientOptions } from './federated-client.js';
import type { MessageChannel } from './message-channel.js';
import type { ServerMessage } from './messages.js';
import { flattenWire, treeToWire, wireToTree } from './wire-tree.js';

type FitMessage = Extract<ServerMessage, { type: 'fit' }>;
type MutableReport = { -readonly [K in keyof Omit<ClientReport, 'doneReason'>]: ClientReport[K] };

/**
 * One fit instruction on the client: local training through the middleware (client-side clipping first
 * when the server's DP asks for it), then either the result to the server or a securely aggregated
 * contribution. Returns a message that interrupted secure aggregation, for the caller to handle next.
 * @internal
 */
export async function runClientFit(
  channel: MessageChannel,
  message: FitMessage,
  options: FederatedClientOptions,
  report: MutableReport,
  log: (line: string) => void,
): Promise<ServerMessage | null> {
  const { trainer, clientId } = options;
  const global = wireToTree(message.parameters);
  let result: FitResult | undefined;
  try {
    const train: FitHandler = async (instruction) => {
      trainer.setParameters(instruction.parameters);
      const out = await trainer.fit(instruction.config, {
        round: message.round,
        globalParameters: instruction.parameters,
      });
      return { clientId, ...out };
    };
    const clipping = typeof message.config.dpClipNorm === 'number' ? [clientSideClipping()] : [];
    const fit = composeFitMiddleware(train, [...clipping, ...(options.middleware ?? [])]);
    result = await fit({ clientId, parameters: global, config: message.config });
    const wire = await treeToWire(result.parameters);
    const metrics = { ...(result.metrics ?? {}) };
    const secure = message.secureAggregation;
    if (secure) {
      const vector = secureAggregationVector(
        flattenWire(wire),
        flattenWire(message.parameters),
        secure.clipRange,
        metrics.dpUnclipped,
      );
      await runClientSecureAggregation(channel, secure, {
        round: message.round,
        clientId,
        vector,
        numExamples: result.numExamples,
        metrics,
      });
    } else {
      channel.send({
        type: 'fit-result',
        round: message.round,
        numExamples: result.numExamples,
        metrics,
        parameters: wire,
      });
    }
    report.fitRounds.push(message.round);
    log(`round ${message.round}: trained on ${result.numExamples} examples`);
    return null;
  } catch (e) {
    if (e instanceof SecureAggregationInterrupted) {
      log(`round ${message.round}: ${e.message}`);
      return e.next;
    }
    const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    report.failures.push({ round: message.round, message: text });
    log(`round ${message.round}: failed (${text})`);
    channel.send({ type: 'failure', round: message.round, message: text });
    return null;
  } finally {
    disposeTree(global);
    if (result) disposeTree(result.parameters);
  }
}
