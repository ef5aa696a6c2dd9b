import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Authenticator } from '../runtime/auth.js';
import { type ClientMessage, PROTOCOL_VERSION, parseClientMessage } from '../runtime/messages.js';
import { decodeFrame, encodeFrame } from '../runtime/wire-format.js';
import type { ConfigRecord } from '../strategy/types.js';

/** A connected, authenticated client as the server sees it. */
export interface ConnectedClient {
  readonly id: string;
  readonly properties: ConfigRecord;
  send(message: object): void;
}

type Listener<A extends unknown[]> = (...args: A) => void;

/** The hub's events: a decoded message from a client, a client joining, a client leaving. */
interface HubEvents {
  message: Listener<[string, ClientMessage]>;
  join: Listener<[string]>;
  leave: Listener<[string]>;
}

/** Close codes the server uses (4000–4999 is the application range). */
export const CLOSE_CODES = { replaced: 4000, refused: 4001, revoked: 4003, handshakeTimeout: 4008 } as const;

/**
 * The server's connections: an HTTP server with a `ws` WebSocket endpoint that challenges every
 * connection, admits clients whose proof the authenticator accepts, and then routes their decoded
 * messages to listeners. A client id that connects again replaces its old connection (a reconnect).
 * @internal
 */
export class ClientHub {
  readonly #auth: Authenticator;
  readonly #log: (line: string) => void;
  readonly #handshakeTimeoutMs: number;
  readonly #http: Server;
  readonly #wss: WebSocketServer;
  readonly #clients = new Map<string, { client: ConnectedClient; socket: WebSocket }>();
  readonly #listeners = {
    message: new Set<HubEvents['message']>(),
    join: new Set<HubEvents['join']>(),
    leave: new Set<HubEvents['leave']>(),
  };

  constructor(options: {
    auth: Authenticator;
    log: (line: string) => void;
    handshakeTimeoutMs: number;
    maxPayloadBytes: number;
  }) {
    this.#auth = options.auth;
    this.#log = options.log;
    this.#handshakeTimeoutMs = options.handshakeTimeoutMs;
    this.#http = createServer((_request, response) =>
      response.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only'),
    );
    this.#wss = new WebSocketServer({ server: this.#http, maxPayload: options.maxPayloadBytes });
    this.#wss.on('connection', (socket) => this.#accept(socket));
  }

  /** Listens on `host:port` (0 picks a free port) and returns the port. */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#http.once('error', reject);
      this.#http.listen(port, host, () => resolve((this.#http.address() as AddressInfo).port));
    });
  }

  get clients(): ConnectedClient[] {
    return [...this.#clients.values()].map((c) => c.client);
  }

  has(clientId: string): boolean {
    return this.#clients.has(clientId);
  }

  send(clientId: string, message: object): void {
    this.#clients.get(clientId)?.client.send(message);
  }

  /** Adds a listener; returns the function that removes it. */
  on<E extends keyof HubEvents>(event: E, listener: HubEvents[E]): () => void {
    const set = this.#listeners[event] as Set<HubEvents[E]>;
    set.add(listener);
    return () => void set.delete(listener);
  }

  /** Refuses the client from now on and disconnects it if connected. */
  revoke(clientId: string): void {
    this.#auth.revoke(clientId);
    const entry = this.#clients.get(clientId);
    if (entry) {
      entry.client.send({ type: 'refused', reason: 'revoked' });
      entry.socket.close(CLOSE_CODES.revoked, 'revoked');
    }
  }

  broadcast(message: object): void {
    for (const { client } of this.#clients.values()) client.send(message);
  }

  async close(): Promise<void> {
    for (const { socket } of this.#clients.values()) socket.close(1001, 'server closing');
    for (const socket of this.#wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  #accept(socket: WebSocket): void {
    const nonce = randomBytes(16).toString('hex');
    const send = (message: object) => {
      if (socket.readyState === socket.OPEN) socket.send(encodeFrame(message));
    };
    let clientId: string | null = null;
    const timer = setTimeout(
      () => socket.close(CLOSE_CODES.handshakeTimeout, 'handshake timeout'),
      this.#handshakeTimeoutMs,
    );
    send({ type: 'challenge', protocol: PROTOCOL_VERSION, nonce });
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      let message: ClientMessage;
      try {
        if (!isBinary) throw new Error('text frames are not part of the protocol');
        message = parseClientMessage(
          decodeFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
        );
      } catch (e) {
        this.#log(`closing ${clientId ?? 'an unauthenticated connection'}: ${(e as Error).message}`);
        socket.close(1002, 'protocol error');
        return;
      }
      if (clientId !== null) {
        for (const listener of this.#listeners.message) listener(clientId, message);
        return;
      }
      const refusal =
        message.type !== 'hello'
          ? 'expected a hello message'
          : message.protocol !== PROTOCOL_VERSION
            ? `protocol ${PROTOCOL_VERSION} expected`
            : this.#auth.verify(message.clientId, nonce, message.proof);
      clearTimeout(timer);
      if (refusal !== null) {
        const who = message.type === 'hello' ? `"${message.clientId}"` : 'a connection';
        this.#log(`refused ${who}: ${refusal}`);
        send({ type: 'refused', reason: refusal });
        socket.close(CLOSE_CODES.refused, 'refused');
        return;
      }
      const hello = message as Extract<ClientMessage, { type: 'hello' }>;
      clientId = hello.clientId;
      const previous = this.#clients.get(clientId);
      this.#clients.set(clientId, {
        client: { id: clientId, properties: hello.properties ?? {}, send },
        socket,
      });
      if (previous) previous.socket.close(CLOSE_CODES.replaced, 'replaced by a new connection');
      send({ type: 'welcome', clientId });
      this.#log(`client "${clientId}" joined${previous ? ' (reconnected)' : ''}`);
      for (const listener of this.#listeners.join) listener(clientId);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      if (clientId !== null && this.#clients.get(clientId)?.socket === socket) {
        this.#clients.delete(clientId);
        this.#log(`client "${clientId}" left`);
        for (const listener of this.#listeners.leave) listener(clientId);
      }
    });
    socket.on('error', (e) => this.#log(`socket error: ${e.message}`));
  }
}
