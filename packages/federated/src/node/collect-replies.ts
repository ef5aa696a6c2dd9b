import type { ClientMessage } from '../runtime/messages.js';
import type { ClientHub } from './client-hub.js';

/** How {@link collectReplies} waits. */
export interface CollectOptions<T extends ClientMessage['type']> {
  readonly round: number;
  /** The clients expected to answer. */
  readonly clients: readonly string[];
  /** The message types that answer (a `failure` for the round always counts as an answer). */
  readonly types: readonly T[];
  readonly timeoutMs: number;
  /**
   * When set, a client that disconnects stays expected for `graceMs` and `onRejoin` runs if it reconnects
   * in that time (to resend its instruction); otherwise it counts as dropped at once.
   */
  readonly rejoin?: { readonly graceMs: number; readonly onRejoin: (clientId: string) => void };
}

/** What {@link collectReplies} gathered. */
export interface CollectedReplies<T extends ClientMessage['type']> {
  readonly replies: Map<string, Extract<ClientMessage, { type: T }>>;
  /** Clients that reported a failure, with their message. */
  readonly failed: Map<string, string>;
  /** Clients that dropped out or did not answer in time (stragglers). */
  readonly missing: string[];
}

/**
 * Waits until every expected client has answered for `round`, has dropped out, or the time is up, whichever
 * comes first. Answers for other rounds (late stragglers) and from unexpected clients are ignored.
 * @internal
 */
export function collectReplies<T extends ClientMessage['type']>(
  hub: ClientHub,
  options: CollectOptions<T>,
): Promise<CollectedReplies<T>> {
  const pending = new Set(options.clients);
  const replies = new Map<string, Extract<ClientMessage, { type: T }>>();
  const failed = new Map<string, string>();
  const dropped = new Set<string>();
  const graceTimers = new Map<string, ReturnType<typeof setTimeout>>();
  return new Promise((resolve) => {
    const cleanups: (() => void)[] = [];
    const finish = () => {
      for (const cleanup of cleanups) cleanup();
      for (const timer of graceTimers.values()) clearTimeout(timer);
      resolve({
        replies,
        failed,
        missing: [...pending, ...dropped].filter((id) => !replies.has(id) && !failed.has(id)),
      });
    };
    const settle = (id: string) => {
      pending.delete(id);
      if (pending.size === 0) finish();
    };
    const onLeave = (id: string) => {
      if (!pending.has(id)) return;
      if (!options.rejoin) {
        dropped.add(id);
        settle(id);
        return;
      }
      graceTimers.set(
        id,
        setTimeout(() => {
          dropped.add(id);
          settle(id);
        }, options.rejoin.graceMs),
      );
    };
    const timer = setTimeout(finish, options.timeoutMs);
    cleanups.push(() => clearTimeout(timer));
    cleanups.push(
      hub.on('message', (id, message) => {
        if (!pending.has(id) || !('round' in message) || message.round !== options.round) return;
        if (message.type === 'failure') failed.set(id, message.message);
        else if ((options.types as readonly string[]).includes(message.type))
          replies.set(id, message as Extract<ClientMessage, { type: T }>);
        else return;
        settle(id);
      }),
      hub.on('leave', onLeave),
      hub.on('join', (id) => {
        const grace = graceTimers.get(id);
        if (!pending.has(id) || grace === undefined || !options.rejoin) return;
        clearTimeout(grace);
        graceTimers.delete(id);
        options.rejoin.onRejoin(id);
      }),
    );
    // A client that left between being chosen and now is handled as if it left now.
    for (const id of options.clients) if (!hub.has(id)) onLeave(id);
    if (pending.size === 0) finish();
  });
}
