import type { ServerMessage } from './messages.js';
import { RuntimeTimeoutError } from './runtime-errors.js';
import { decodeFrame, encodeFrame } from './wire-format.js';
import { messageBytes, type WebSocketFactory, type WebSocketLike } from './web-socket.js';

/** Why a channel closed. */
export interface ChannelClosed {
  readonly code: number;
  readonly reason: string;
}

/**
 * A client's view of one WebSocket connection as an ordered queue of decoded server messages: `receive()`
 * resolves with the next message, or `null` once the socket has closed and the queue is drained.
 * Frames decode in arrival order even when the platform hands them over asynchronously (Blobs).
 *
 * @example
 * ```ts
 * const channel = await MessageChannel.open(factory, 'ws://127.0.0.1:8080');
 * const first = await channel.receive();
 * ```
 */
export class MessageChannel {
  readonly #socket: WebSocketLike;
  readonly #queue: (ServerMessage | null)[] = [];
  #waiting: ((message: ServerMessage | null) => void) | null = null;
  #decoding: Promise<void> = Promise.resolve();
  #closed: ChannelClosed | null = null;

  private constructor(socket: WebSocketLike) {
    this.#socket = socket;
    socket.onmessage = (event) => {
      this.#decoding = this.#decoding.then(async () => {
        try {
          this.#push(decodeFrame(await messageBytes(event.data)) as unknown as ServerMessage);
        } catch {
          socket.close(1002, 'undecodable frame');
        }
      });
    };
    socket.onclose = (event) => {
      this.#closed = { code: event.code, reason: event.reason };
      this.#decoding = this.#decoding.then(() => this.#push(null));
    };
  }

  /**
   * Connects, resolving once the socket is open.
   * @throws {@link RuntimeTimeoutError} when it does not open within `timeoutMs`; the socket's error when it fails.
   */
  static open(factory: WebSocketFactory, url: string, timeoutMs = 10_000): Promise<MessageChannel> {
    return new Promise((resolve, reject) => {
      const socket = factory(url);
      socket.binaryType = 'arraybuffer';
      const timer = setTimeout(() => {
        socket.close();
        reject(new RuntimeTimeoutError(`Could not connect within ${timeoutMs} ms`, { where: url }));
      }, timeoutMs);
      socket.onopen = () => {
        clearTimeout(timer);
        resolve(new MessageChannel(socket));
      };
      socket.onerror = () => {};
      socket.onclose = (event) => {
        clearTimeout(timer);
        reject(new Error(`Connection to ${url} closed before opening (code ${event.code})`));
      };
    });
  }

  /** How the socket closed, or null while open. */
  get closed(): ChannelClosed | null {
    return this.#closed;
  }

  /** Sends one message as a binary frame (dropped silently once closed: the server treats the client as gone). */
  send(message: object): void {
    if (this.#closed === null && this.#socket.readyState === 1) this.#socket.send(encodeFrame(message));
  }

  /** The next message, or null after the connection closed. */
  receive(): Promise<ServerMessage | null> {
    if (this.#queue.length > 0) return Promise.resolve(this.#queue.shift()!);
    if (this.#closed !== null && this.#queue.length === 0 && this.#waiting === null) {
      return this.#decoding.then(() => (this.#queue.length > 0 ? this.#queue.shift()! : null));
    }
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  close(code = 1000, reason = ''): void {
    this.#socket.close(code, reason);
  }

  #push(message: ServerMessage | null): void {
    if (this.#waiting) {
      const deliver = this.#waiting;
      this.#waiting = null;
      deliver(message);
    } else if (message !== null || this.#queue.at(-1) !== null) {
      this.#queue.push(message);
    }
  }
}
