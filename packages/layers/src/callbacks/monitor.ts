import { ValidationError } from '@tessera/core';

/** Whether a monitored value should fall (`'min'`), rise (`'max'`), or be guessed from its name (`'auto'`). */
export type MonitorMode = 'auto' | 'min' | 'max';

const HIGHER_IS_BETTER = /acc|auc|precision|recall|f1|fbeta|r2|kappa|mcc|matthews|explained/i;

/**
 * Resolves `'auto'` as Keras does: quality metrics (accuracy, AUC, precision, recall, F-scores, R², …)
 * are maximised, everything else (losses, errors) minimised.
 * @throws ValidationError for an unknown mode
 * @example
 * ```ts
 * monitorDirection('val_accuracy', 'auto'); // 'max'
 * ```
 */
export function monitorDirection(monitor: string, mode: MonitorMode, where: string): 'min' | 'max' {
  if (mode === 'min' || mode === 'max') return mode;
  if (mode !== 'auto') throw ValidationError.expected("'auto', 'min' or 'max'", mode, `${where}.mode`);
  return HIGHER_IS_BETTER.test(monitor.replace(/^val_/, '')) ? 'max' : 'min';
}

/** Checks a non-negative number option. @internal */
export function nonNegative(value: number | undefined, fallback: number, where: string): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v))
    throw ValidationError.expected('a finite number >= 0', value, where);
  return v;
}
