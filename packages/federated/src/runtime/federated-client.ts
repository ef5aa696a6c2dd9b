import { disposeTree, ValidationError } from '@tessera/core';
import type { FitMiddleware } from '../privacy/client-middleware.js';
import type { ClientCredentials } from './auth.js';
import { proveIdentity } from './auth.js';
import { runClientFit } from './client-fit.js';
import type { LocalTrainer } from './local-trainer.js';
import { MessageChannel } from './message-channel.js';
import { PROTOCOL_VERSION, type ServerMessage } from './messages.js';
import { AuthenticationError } from './runtime-errors.js';
import { defaultWebSocketFactory, type WebSocketFactory } from './web-socket.js';
import { wireToTree } from './wire-tree.js';

/** Options of {@link FederatedClient}. */
export interface FederatedClientOptions {
  /** The server's WebSocket URL, e.g. `ws://127.0.0.1:8080`. */
  readonly url: string;
  readonly clientId: string;
  readonly credentials: ClientCredentials;
  readonly trainer: LocalTrainer;
  /** Client middleware around local training (local DP…); client-side clipping is added when the server asks for it. */
  readonly middleware?: readonly FitMiddleware[];
  /** Opens sockets; default the platform's global `WebSocket`. In Node 20 pass `(url) => new WebSocket(url)` from `ws`. */
  readonly webSocket?: WebSocketFactory;
  /** Reconnection after a lost connection: attempts in a row (default 30) and the pause between them (default 500 ms). */
  readonly reconnect?: { readonly attempts?: number; readonly delayMs?: number };
  /** What the client reports about itself to the server's strategy. */
  readonly properties?: Readonly<Record<string, number | string | boolean>>;
  readonly log?: (line: string) => void;
}

/** What {@link FederatedClient.run} resolves with. */
export interface ClientReport {
  readonly fitRounds: number[];
  readonly evaluateRounds: number[];
  /** Rounds whose update the server rejected, with its reason. */
  readonly rejected: { round: number; reason: string }[];
  /** Rounds this client could not complete (its error message). */
  readonly failures: { round: number; message: string }[];
  readonly reconnects: number;
  /** Why the server ended training. */
  readonly doneReason: string;
}

/**
 * A federated client: connects to a {@link FederatedServer} over WebSocket, authenticates, and answers fit
 * and evaluate instructions with its {@link LocalTrainer} — secure aggregation included — until the server
 * says training is done. The same code runs in Node and in browsers (only the socket factory differs);
 * it reconnects after a lost connection (a restarted server, a network blip) and stops for good when the
 * server refuses its credentials.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws'; // Node 20 only; browsers use their own
 * const client = new FederatedClient({ url: 'ws://127.0.0.1:8080', clientId: 'c1', credentials: { token },
 *   trainer: layersTrainer({ model, x, y }), webSocket: (url) => new WebSocket(url) });
 * const report = await client.run();
 * ```
 * @throws {@link ValidationError} for malformed options.
 */
export class FederatedClient {
  readonly #options: FederatedClientOptions;
  readonly #factory: WebSocketFactory;
  #channel: MessageChannel | null = null;
  #stopped = false;
  readonly #report = {
    fitRounds: [] as number[],
    evaluateRounds: [] as number[],
    rejected: [] as ClientReport['rejected'],
    failures: [] as ClientReport['failures'],
    reconnects: 0,
  };

  constructor(options: FederatedClientOptions) {
    const where = 'new FederatedClient(options)';
    if (typeof options?.url !== 'string' || !/^wss?:\/\//.test(options.url))
      throw ValidationError.expected('a ws:// or wss:// url', options?.url, where);
    if (typeof options.clientId !== 'string' || options.clientId.length === 0)
      throw ValidationError.expected('a non-empty clientId', options.clientId, where);
    if (typeof options.trainer?.fit !== 'function')
      throw ValidationError.expected('a LocalTrainer', options.trainer, where);
    this.#options = options;
    this.#factory = options.webSocket ?? defaultWebSocketFactory();
  }

  /**
   * Takes part in training until the server ends it.
   * @throws {@link AuthenticationError} when the server refuses this client.
   * @throws the last connection error when the server stays unreachable for every reconnection attempt.
   */
  async run(): Promise<ClientReport> {
    const attempts = this.#options.reconnect?.attempts ?? 30;
    const delayMs = this.#options.reconnect?.delayMs ?? 500;
    let failed = 0;
    for (;;) {
      let channel: MessageChannel;
      try {
        channel = await MessageChannel.open(this.#factory, this.#options.url);
      } catch (e) {
        if (this.#stopped || ++failed > attempts) throw e;
        await sleep(delayMs);
        continue;
      }
      this.#channel = channel;
      const outcome = await this.#session(channel, () => {
        failed = 0;
      });
      if (outcome.done) return { ...this.#report, doneReason: outcome.reason };
      if (this.#stopped) return { ...this.#report, doneReason: 'stopped by the client' };
      this.#report.reconnects++;
      this.#log(`connection lost (${channel.closed?.code ?? '?'}); reconnecting`);
      await sleep(delayMs);
    }
  }

  /** Disconnects and stops reconnecting; `run` resolves. */
  stop(): void {
    this.#stopped = true;
    this.#channel?.close(1000, 'client stopped');
  }

  async #session(channel: MessageChannel, onWelcome: () => void): Promise<{ done: boolean; reason: string }> {
    let pending: ServerMessage | null = null;
    for (;;) {
      const message: ServerMessage | null = pending ?? (await channel.receive());
      pending = null;
      if (message === null) return { done: false, reason: '' };
      switch (message.type) {
        case 'challenge':
          channel.send({
            type: 'hello',
            protocol: PROTOCOL_VERSION,
            clientId: this.#options.clientId,
            proof: proveIdentity(this.#options.credentials, message.nonce, this.#options.clientId),
            properties: this.#options.properties ?? {},
          });
          break;
        case 'welcome':
          onWelcome();
          break;
        case 'refused':
          channel.close(1000, 'refused');
          throw new AuthenticationError(
            `The server refused client "${this.#options.clientId}": ${message.reason}`,
            { where: this.#options.url },
          );
        case 'fit':
          pending = await runClientFit(channel, message, this.#options, this.#report, (line) =>
            this.#log(line),
          );
          break;
        case 'evaluate':
          await this.#evaluate(channel, message);
          break;
        case 'update-rejected':
          this.#report.rejected.push({ round: message.round, reason: message.reason });
          this.#log(`round ${message.round}: update rejected (${message.reason})`);
          break;
        case 'done':
          channel.close(1000, 'done');
          return { done: true, reason: message.reason };
        default:
          break; // a stale step of a round the server already gave up
      }
    }
  }

  async #evaluate(
    channel: MessageChannel,
    message: Extract<ServerMessage, { type: 'evaluate' }>,
  ): Promise<void> {
    const parameters = wireToTree(message.parameters);
    try {
      this.#options.trainer.setParameters(parameters);
      const out = await this.#options.trainer.evaluate(message.config);
      channel.send({ type: 'evaluate-result', round: message.round, ...out });
      this.#report.evaluateRounds.push(message.round);
    } catch (e) {
      channel.send({ type: 'failure', round: message.round, message: (e as Error).message });
    } finally {
      disposeTree(parameters);
    }
  }

  #log(line: string): void {
    this.#options.log?.(`[${this.#options.clientId}] ${line}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
