import type * as tf from '@tensorflow/tfjs-core';
import type { Mask } from '../layer/layer-types.js';
import type { GraphNode } from './graph-node.js';
import { InputLayer } from './input-layer.js';
import type { SymbolicTensor } from './symbolic-tensor.js';

/** How {@link runGraph} runs the layers. */
export interface RunGraphOptions {
  readonly training: boolean;
  /** The seed of each layer call, drawn in node order (so a model's seed fixes all its randomness). */
  readonly nextSeed: () => number;
  /** Masks of the inputs (Keras masking), one per input or `null`. */
  readonly inputMasks?: readonly Mask[];
}

/**
 * Runs the nodes of a functional graph on real tensors: each layer is called on the tensors its node reads,
 * and masks propagate through `computeMask` as in Keras. Call it inside `tf.tidy`: intermediates are left
 * to the caller's scope.
 * @example
 * ```ts
 * const [y] = tf.tidy(() => runGraph(graph.nodes, [x], [out], [tensor], { training: false, nextSeed: () => 0 }));
 * ```
 */
export function runGraph(
  nodes: readonly GraphNode[],
  inputs: readonly SymbolicTensor[],
  outputs: readonly SymbolicTensor[],
  values: readonly tf.Tensor[],
  options: RunGraphOptions,
): tf.Tensor[] {
  const env = new Map<SymbolicTensor, tf.Tensor>();
  const masks = new Map<SymbolicTensor, Mask>();
  inputs.forEach((s, i) => {
    env.set(s, values[i]!);
    masks.set(s, options.inputMasks?.[i] ?? null);
  });
  for (const node of nodes) {
    if (node.layer instanceof InputLayer) continue;
    const xs = node.inputs.map((t) => env.get(t)!);
    const inMasks = node.inputs.map((t) => masks.get(t) ?? null);
    const arg = node.listInput ? xs : xs[0]!;
    const mask = node.listInput ? inMasks : inMasks[0]!;
    const anyMask = inMasks.some((m) => m !== null);
    const out = node.layer.call(arg, {
      training: node.options.training ?? options.training,
      seed: options.nextSeed(),
      ...(anyMask ? { mask } : {}),
    });
    const outs = Array.isArray(out) ? out : [out];
    const outMask = node.layer.computeMask(arg, anyMask ? mask : null);
    node.outputs.forEach((s, i) => {
      env.set(s, outs[i]!);
      masks.set(s, Array.isArray(outMask) ? (outMask[i] ?? null) : outMask);
    });
  }
  return outputs.map((s) => env.get(s)!);
}
