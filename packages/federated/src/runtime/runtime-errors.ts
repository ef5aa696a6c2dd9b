import { TesseraError } from '@tessera/core';

/**
 * A peer sent something the federated protocol does not allow: a frame that does not decode, a message of
 * an unknown type, or fields of the wrong kind. Code `E_PROTOCOL`.
 *
 * @example
 * ```ts
 * try { decodeFrame(bytes); } catch (e) { if (e instanceof ProtocolError) socket.close(1002); }
 * ```
 */
export class ProtocolError extends TesseraError {
  constructor(message: string, options?: { where?: string; cause?: unknown }) {
    super('E_PROTOCOL', message, options);
  }
}

/**
 * The server refused a client: no or wrong credentials, an unknown or revoked client id. Code `E_AUTH`.
 * A client receiving it stops instead of reconnecting.
 *
 * @example
 * ```ts
 * try { await client.run(); } catch (e) { if (e instanceof AuthenticationError) console.error(e.message); }
 * ```
 */
export class AuthenticationError extends TesseraError {
  constructor(message: string, options?: { where?: string; cause?: unknown }) {
    super('E_AUTH', message, options);
  }
}

/**
 * The server waited for clients or messages longer than it was configured to. Code `E_TIMEOUT`.
 *
 * @example
 * ```ts
 * try { await server.run(); } catch (e) { if (e instanceof RuntimeTimeoutError) console.error('no clients came'); }
 * ```
 */
export class RuntimeTimeoutError extends TesseraError {
  constructor(message: string, options?: { where?: string; cause?: unknown }) {
    super('E_TIMEOUT', message, options);
  }
}
