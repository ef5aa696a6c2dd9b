import type { Logs } from './training-types.js';
import type { MetricSlot } from './update-metrics.js';

/**
 * The logs of an epoch so far: batch losses averaged weighted by batch size (as Keras 3 does) and the
 * streaming metrics' current values (non-numeric metric results are left out of the logs). @internal
 */
export class RunningLogs {
  readonly #sums = new Map<string, number>();
  readonly #weights = new Map<string, number>();

  constructor(readonly metrics: readonly MetricSlot[]) {}

  add(values: Logs, weight: number): void {
    for (const [key, value] of Object.entries(values)) {
      this.#sums.set(key, (this.#sums.get(key) ?? 0) + value * weight);
      this.#weights.set(key, (this.#weights.get(key) ?? 0) + weight);
    }
  }

  values(prefix = ''): Logs {
    const logs: Logs = {};
    for (const [key, sum] of this.#sums) logs[prefix + key] = sum / this.#weights.get(key)!;
    for (const { compiled, accumulator, updates } of this.metrics) {
      if (updates === 0) continue;
      const value = accumulator.result();
      if (typeof value === 'number') logs[prefix + compiled.key] = value;
    }
    return logs;
  }
}
