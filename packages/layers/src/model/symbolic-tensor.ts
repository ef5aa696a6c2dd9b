import type { DataType } from '@tensorflow/tfjs-core';
import type { Shape } from '../layer/layer-types.js';
import type { GraphNode } from './graph-node.js';

/**
 * A placeholder for a tensor in a functional model: it has a shape (batch dimension `null`) and a dtype
 * but no values. `input(...)` creates one; `layer.apply(symbolic)` returns new ones, recording the call
 * as a node of the graph that `model({ inputs, outputs })` turns into a model.
 *
 * @example
 * ```ts
 * const x = input({ shape: [784] });
 * const h = new Dense({ units: 32, activation: 'relu' }).apply(x) as SymbolicTensor;
 * console.log(h.shape); // [null, 32]
 * ```
 */
export class SymbolicTensor {
  /**
   * @param node - the layer call that produced it
   * @param outputIndex - which of that call's outputs it is
   */
  constructor(
    readonly shape: Shape,
    readonly dtype: DataType,
    readonly node: GraphNode,
    readonly outputIndex: number,
  ) {}

  /** `layerName/nodeIndex:outputIndex`, for messages. */
  get name(): string {
    return `${this.node.layer.name}:${this.outputIndex}`;
  }

  get rank(): number {
    return this.shape.length;
  }
}

/** What `apply` accepts to build a graph: one symbolic tensor or several. */
export type SymbolicInputs = SymbolicTensor | readonly SymbolicTensor[];

/** Whether `inputs` are symbolic (a functional-API call) rather than real tensors. @internal */
export function isSymbolic(inputs: unknown): inputs is SymbolicInputs {
  if (inputs instanceof SymbolicTensor) return true;
  return Array.isArray(inputs) && inputs.length > 0 && inputs.every((t) => t instanceof SymbolicTensor);
}
