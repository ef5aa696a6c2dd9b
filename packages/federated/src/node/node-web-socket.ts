import { WebSocket } from 'ws';
import type { WebSocketFactory, WebSocketLike } from '../runtime/web-socket.js';

/**
 * A {@link WebSocketFactory} on the `ws` package, for `FederatedClient` in Node versions without a global
 * `WebSocket` (Node 20). The client code stays the one browsers run.
 *
 * @example
 * ```ts
 * const client = new FederatedClient({ ...options, webSocket: nodeWebSocketFactory() });
 * ```
 */
export function nodeWebSocketFactory(options: { maxPayloadBytes?: number } = {}): WebSocketFactory {
  return (url) =>
    new WebSocket(url, { maxPayload: options.maxPayloadBytes ?? 256 * 2 ** 20 }) as unknown as WebSocketLike;
}
