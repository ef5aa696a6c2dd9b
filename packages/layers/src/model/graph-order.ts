import { ValidationError } from '@tessera/core';
import type { Layer } from '../layer/layer.js';
import type { GraphNode } from './graph-node.js';
import { InputLayer } from './input-layer.js';
import type { SymbolicTensor } from './symbolic-tensor.js';

/** The nodes between a functional model's inputs and outputs, in an order that can run them. */
export interface FunctionalGraph {
  /** Nodes in topological order (input nodes first, in input order). */
  readonly nodes: readonly GraphNode[];
  /** Each layer once, in the order of its first node (Keras's `model.layers`). */
  readonly layers: readonly Layer[];
}

/**
 * Walks back from `outputs` to `inputs` and orders the nodes so that every node runs after those it reads.
 * @throws ValidationError when an input is not an `input(...)` tensor, or an output depends on an input
 *   tensor not listed in `inputs` (a disconnected graph)
 * @example
 * ```ts
 * const { nodes, layers } = collectGraph([x], [y]);
 * ```
 */
export function collectGraph(
  inputs: readonly SymbolicTensor[],
  outputs: readonly SymbolicTensor[],
): FunctionalGraph {
  for (const [i, t] of inputs.entries()) {
    if (!(t.node.layer instanceof InputLayer)) {
      throw ValidationError.expected('input(...) tensors as model inputs', t.name, `model({ inputs })[${i}]`);
    }
  }
  const order: GraphNode[] = [];
  const done = new Set<GraphNode>();
  const active = new Set<GraphNode>();
  const given = new Set(inputs.map((t) => t.node));
  const visit = (node: GraphNode, from: string): void => {
    if (done.has(node)) return;
    if (active.has(node))
      throw new ValidationError(`The graph has a cycle through layer "${node.layer.name}"`);
    if (node.layer instanceof InputLayer && !given.has(node)) {
      throw new ValidationError(
        `Graph disconnected: ${from} depends on input "${node.layer.name}", which is not among the model's inputs`,
        { where: 'model({ inputs, outputs })' },
      );
    }
    active.add(node);
    for (const t of node.inputs) visit(t.node, `layer "${node.layer.name}"`);
    active.delete(node);
    done.add(node);
    order.push(node);
  };
  for (const t of inputs) visit(t.node, 'an input');
  for (const t of outputs) visit(t.node, `output "${t.name}"`);
  const layers: Layer[] = [];
  for (const node of order) if (!layers.includes(node.layer)) layers.push(node.layer);
  return { nodes: order, layers };
}
