import * as tf from '@tensorflow/tfjs-core';
import type { StrategyState } from './types.js';

/**
 * Disposes every tensor in a strategy state, in one walk.
 *
 * @example
 * ```ts
 * const next = await strategy.aggregateFit(context);
 * disposeStrategyState(context.state);
 * ```
 */
export function disposeStrategyState(state: StrategyState): void {
  walk(state, (t) => t.dispose());
}

/** A copy whose tensors are new objects sharing the data (cheap), for state carried over unchanged. */
export function cloneStrategyState<S extends StrategyState>(state: S): S {
  if (state instanceof tf.Tensor) return tf.clone(state) as unknown as S;
  if (Array.isArray(state)) return state.map((s: StrategyState) => cloneStrategyState(s)) as unknown as S;
  if (state !== null && typeof state === 'object') {
    return Object.fromEntries(
      Object.entries(state as Record<string, StrategyState>).map(([k, v]) => [k, cloneStrategyState(v)]),
    ) as unknown as S;
  }
  return state;
}

function walk(node: StrategyState, visit: (t: tf.Tensor) => void): void {
  if (node instanceof tf.Tensor) {
    visit(node);
    return;
  }
  const children = Array.isArray(node)
    ? (node as readonly StrategyState[])
    : node !== null && typeof node === 'object'
      ? Object.values(node as Record<string, StrategyState>)
      : [];
  for (const child of children) walk(child, visit);
}
