import { ValidationError } from '@tessera/core';
import { isShapeList } from '../layer/layer-inputs.js';
import type { Layer } from '../layer/layer.js';
import type { CallOptions, Shape } from '../layer/layer-types.js';
import { type GraphNode, recordNode } from './graph-node.js';
import { type SymbolicInputs, SymbolicTensor } from './symbolic-tensor.js';

/**
 * Applies `layer` to symbolic tensors: builds it from their shapes (as Keras does when a functional graph is
 * defined), infers the output shapes, and records the call as a graph node. `Layer.apply` calls this for
 * symbolic inputs.
 * @throws ShapeError when the layer does not accept the input shapes
 * @example
 * ```ts
 * const y = applySymbolic(new Dense({ units: 3 }), input({ shape: [4] })); // SymbolicTensor [null, 3]
 * ```
 */
export function applySymbolic(
  layer: Layer,
  inputs: SymbolicInputs,
  options: CallOptions = {},
): SymbolicTensor | SymbolicTensor[] {
  const listInput = !(inputs instanceof SymbolicTensor);
  const list = listInput ? [...(inputs as readonly SymbolicTensor[])] : [inputs as SymbolicTensor];
  if (options.seed !== undefined || options.mask !== undefined) {
    throw new ValidationError(
      'A functional graph cannot fix a seed or a mask; masks propagate from the layers',
      {
        where: `${layer.className} "${layer.name}".apply`,
      },
    );
  }
  const shapes: Shape | Shape[] = listInput ? list.map((t) => t.shape) : list[0]!.shape;
  layer.build(shapes);
  const outputShape = layer.computeOutputShape(shapes);
  const multiple = isShapeList(outputShape);
  const outputShapes = multiple ? (outputShape as Shape[]) : [outputShape as Shape];
  const node: GraphNode = {
    layer,
    inputs: list,
    listInput,
    outputs: [],
    options: options.training === undefined ? {} : { training: options.training },
  };
  node.outputs.push(...outputShapes.map((s, i) => new SymbolicTensor(s, 'float32', node, i)));
  recordNode(node);
  return multiple ? node.outputs : node.outputs[0]!;
}
