/**
 * `@tessera/federated/node` — the Node-only half of the runtime: {@link FederatedServer} (HTTP + WebSocket
 * through `ws`) and atomic server checkpoints. Kept apart from the main entry, which stays browser-safe.
 * @packageDocumentation
 */
export { CLOSE_CODES } from './client-hub.js';
export { FederatedServer } from './federated-server.js';
export type { RejectedUpdate } from './fit-round.js';
export type { RoundRecord, ServerReport } from './round-record.js';
export { loadServerCheckpoint, type ServerCheckpoint, saveServerCheckpoint } from './server-checkpoint.js';
export type { FederatedServerOptions } from './server-options.js';
export { nodeWebSocketFactory } from './node-web-socket.js';
