const GLOBAL_KEY = Symbol.for('@tessera/core/backend-warnings');
const globals = globalThis as Record<symbol, Set<string> | undefined>;
// Kept on globalThis so the ESM and CJS copies of core do not warn twice for the same thing.
globals[GLOBAL_KEY] ??= new Set<string>();
const shown = globals[GLOBAL_KEY];

/**
 * Logs `message` with `console.warn` the first time it is seen in this process. Backend selection and the
 * cpu fallback explain themselves this way: useful once, noise when repeated every step.
 */
export function warnOnce(message: string): void {
  if (shown.has(message)) return;
  shown.add(message);
  console.warn(`[tessera] ${message}`);
}

/** Forgets which warnings were shown (for tests). */
export function resetWarnings(): void {
  shown.clear();
}
