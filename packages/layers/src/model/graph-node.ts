import type { Layer } from '../layer/layer.js';
import type { CallOptions } from '../layer/layer-types.js';
import type { SymbolicTensor } from './symbolic-tensor.js';

/**
 * One call of a layer in a functional graph: the layer, the symbolic tensors it was applied to, and the
 * ones it produced. A shared layer has one node per call.
 */
export interface GraphNode {
  readonly layer: Layer;
  readonly inputs: readonly SymbolicTensor[];
  /** Whether the layer was given a list (merge layers) rather than one tensor. */
  readonly listInput: boolean;
  readonly outputs: SymbolicTensor[];
  /** Call options fixed at graph-building time (`training` is decided by the model at run time). */
  readonly options: Omit<CallOptions, 'seed' | 'mask'>;
}

// Nodes per layer, in creation order: a layer's node index is its position here (Keras's `inbound_nodes`).
const nodesOf = new WeakMap<Layer, GraphNode[]>();

/** Records a node of `layer`. @internal */
export function recordNode(node: GraphNode): void {
  const list = nodesOf.get(node.layer);
  if (list) list.push(node);
  else nodesOf.set(node.layer, [node]);
}

/** Every node of `layer`, in creation order. @internal */
export function layerNodes(layer: Layer): readonly GraphNode[] {
  return nodesOf.get(layer) ?? [];
}
