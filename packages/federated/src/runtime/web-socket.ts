import { ValidationError } from '@tessera/core';

/**
 * The part of the WebSocket API the client uses: the browser's `WebSocket`, Node 22's global one, and the
 * `ws` package's all fit it, so the client code is the same everywhere.
 */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: { readonly code: number; readonly reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
}

/** Opens a WebSocket to `url`; inject one where no global `WebSocket` exists (Node 20: `ws`). */
export type WebSocketFactory = (url: string) => WebSocketLike;

/**
 * The platform's WebSocket: the global `WebSocket` (browsers, Node ≥ 22).
 *
 * @example
 * ```ts
 * const client = new FederatedClient({ ...options, webSocket: defaultWebSocketFactory() });
 * ```
 * @throws {@link ValidationError} when the platform has no global `WebSocket` (pass a factory built on `ws`).
 */
export function defaultWebSocketFactory(): WebSocketFactory {
  const Global = (globalThis as { WebSocket?: new (url: string) => WebSocketLike }).WebSocket;
  if (typeof Global !== 'function') {
    throw ValidationError.expected(
      "a global WebSocket (or pass webSocket: (url) => new WebSocket(url) from the 'ws' package)",
      undefined,
      'defaultWebSocketFactory',
    );
  }
  return (url) => new Global(url);
}

/** Normalises what a WebSocket delivers (ArrayBuffer, Node Buffer, typed array) to bytes. */
export async function messageBytes(data: unknown): Promise<Uint8Array> {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof Blob !== 'undefined' && data instanceof Blob) return new Uint8Array(await data.arrayBuffer());
  if (Array.isArray(data) && data.every((d) => ArrayBuffer.isView(d))) {
    // `ws` may deliver fragmented messages as a list of Buffers.
    const parts = data as Uint8Array[];
    const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
    let offset = 0;
    for (const p of parts) {
      out.set(p, offset);
      offset += p.byteLength;
    }
    return out;
  }
  throw ValidationError.expected('a binary WebSocket message', data, 'messageBytes');
}
