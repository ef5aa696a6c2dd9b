import type { Logs } from '../training/training-types.js';

/** `1.234e-4` for tiny values, otherwise four decimals, as Keras's progress lines print them. */
export function formatLogValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const a = Math.abs(value);
  return a !== 0 && a < 1e-3 ? value.toExponential(4) : value.toFixed(4);
}

/**
 * Keras-style `loss: 0.4321 - accuracy: 0.8765 - val_loss: ...` (training keys first, then `val_` keys).
 * @example
 * ```ts
 * formatLogs({ loss: 0.5, accuracy: 0.75 }); // 'loss: 0.5000 - accuracy: 0.7500'
 * ```
 */
export function formatLogs(logs: Logs): string {
  const keys = Object.keys(logs);
  const ordered = [...keys.filter((k) => !k.startsWith('val_')), ...keys.filter((k) => k.startsWith('val_'))];
  return ordered.map((k) => `${k}: ${formatLogValue(logs[k]!)}`).join(' - ');
}

/** `1m 05s`, `12s` or `340ms`. */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const m = Math.floor(seconds / 60);
  return `${m}m ${String(Math.round(seconds - m * 60)).padStart(2, '0')}s`;
}

/**
 * The line Keras prints at the end of an epoch when it cannot redraw a bar:
 * `469/469 - 12s - 25ms/step - loss: 0.4321 - accuracy: 0.8765`.
 * @example
 * ```ts
 * epochLine(469, 12.1, { loss: 0.43 }); // '469/469 - 12s - 26ms/step - loss: 0.4300'
 * ```
 */
export function epochLine(steps: number, seconds: number, logs: Logs): string {
  const perStep = steps > 0 ? formatDuration(seconds / steps) : '?';
  return [`${steps}/${steps}`, formatDuration(seconds), `${perStep}/step`, formatLogs(logs)]
    .filter(Boolean)
    .join(' - ');
}
