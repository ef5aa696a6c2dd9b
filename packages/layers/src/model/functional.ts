import type * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { inputList } from '../layer/layer-inputs.js';
import type { Layer } from '../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Mask, Shape } from '../layer/layer-types.js';
import { graphConfig } from './functional-config.js';
import { layerNodes } from './graph-node.js';
import { collectGraph, type FunctionalGraph } from './graph-order.js';
import { Model } from './model.js';
import { runGraph } from './run-graph.js';
import type { SummaryRow } from './summary.js';
import { type SymbolicInputs, SymbolicTensor } from './symbolic-tensor.js';

/** Config of {@link Functional}. */
export interface FunctionalConfig extends LayerConfig {
  inputs: SymbolicInputs;
  outputs: SymbolicInputs;
}

const listOf = (s: SymbolicInputs, where: string): SymbolicTensor[] => {
  const list = s instanceof SymbolicTensor ? [s] : Array.isArray(s) ? [...s] : [];
  if (list.length === 0 || !list.every((t) => t instanceof SymbolicTensor))
    throw ValidationError.expected('symbolic tensors', s, where);
  return list;
};

/**
 * A model defined by a graph of layer calls (Keras functional API): several inputs and outputs, shared
 * layers (one layer called twice shares its weights), nested models. Masks propagate along the graph.
 * @throws ValidationError when inputs are not `input(...)` tensors or the outputs do not depend only on them
 * @example
 * ```ts
 * const a = input({ shape: [8] });
 * const b = input({ shape: [8] });
 * const shared = new Dense({ units: 4 });
 * const merged = new Concatenate().apply([shared.apply(a) as SymbolicTensor, shared.apply(b) as SymbolicTensor]);
 * const siamese = new Functional({ inputs: [a, b], outputs: new Dense({ units: 1 }).apply(merged) });
 * ```
 */
export class Functional extends Model {
  readonly inputs: readonly SymbolicTensor[];
  readonly outputs: readonly SymbolicTensor[];
  readonly #graph: FunctionalGraph;
  readonly #outputNames: readonly string[];

  constructor(config: FunctionalConfig) {
    super('Functional', config);
    this.inputs = listOf(config.inputs, this.where('inputs'));
    this.outputs = listOf(config.outputs, this.where('outputs'));
    this.#graph = collectGraph(this.inputs, this.outputs);
    const names = this.outputs.map((t) => t.node.layer.name);
    this.#outputNames = names.map((n, i) =>
      names.indexOf(n) === names.lastIndexOf(n) ? n : `${n}_${this.outputs[i]!.outputIndex}`,
    );
    for (const layer of this.#graph.layers) this.trackLayer(layer);
    this.build(this.inputs.length === 1 ? this.inputs[0]!.shape : this.inputs.map((t) => t.shape));
  }

  get layers(): readonly Layer[] {
    return this.#graph.layers;
  }

  get inputNames(): readonly string[] {
    return this.inputs.map((t) => t.node.layer.name);
  }

  get outputNames(): readonly string[] {
    return this.#outputNames;
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape | Shape[] {
    const first =
      (Array.isArray(inputShape[0]) ? (inputShape[0] as Shape) : (inputShape as Shape))[0] ?? null;
    const shapes = this.outputs.map((t) => [first, ...t.shape.slice(1)]);
    return shapes.length === 1 ? shapes[0]! : shapes;
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, context: ForwardContext): tf.Tensor | tf.Tensor[] {
    const xs = inputList(inputs, this.inputs.length, this.where('call'));
    if (xs.length !== this.inputs.length)
      throw ValidationError.expected(`${this.inputs.length} input tensors`, xs, this.where('call'));
    const masks =
      context.mask === null
        ? undefined
        : Array.isArray(context.mask)
          ? (context.mask as Mask[])
          : [context.mask as Mask];
    const outs = runGraph(this.#graph.nodes, this.inputs, this.outputs, xs, {
      training: context.training,
      nextSeed: context.nextSeed,
      ...(masks ? { inputMasks: masks } : {}),
    });
    return outs.length === 1 ? outs[0]! : outs;
  }

  protected layerConfig(): Record<string, unknown> {
    return graphConfig(this.#graph, this.inputs, this.outputs) as unknown as Record<string, unknown>;
  }

  protected summaryRows(): SummaryRow[] {
    const inGraph = new Set(this.#graph.nodes);
    return this.#graph.layers.map((layer) => {
      const nodes = layerNodes(layer).filter((n) => inGraph.has(n));
      const first = nodes[0];
      const outs = first?.outputs.map((t) => t.shape) ?? [];
      return {
        name: layer.name,
        className: layer.className,
        outputShape: outs.length === 1 ? outs[0]! : outs,
        params: layer.countParams(),
        connectedTo:
          first?.inputs.map((t) => `${t.node.layer.name}[${nodeIndexIn(t, inGraph)}][${t.outputIndex}]`) ??
          [],
      };
    });
  }
}

function nodeIndexIn(t: SymbolicTensor, inGraph: ReadonlySet<unknown>): number {
  return layerNodes(t.node.layer)
    .filter((n) => inGraph.has(n))
    .indexOf(t.node);
}

/**
 * Builds a functional model from `input(...)` tensors and the symbolic outputs computed from them.
 * @throws ValidationError as {@link Functional}
 * @example
 * ```ts
 * const x = input({ shape: [784] });
 * const h = new Dense({ units: 128, activation: 'relu' }).apply(x) as SymbolicTensor;
 * const net = model({ inputs: x, outputs: new Dense({ units: 10 }).apply(h), name: 'mlp' });
 * ```
 */
export function model(config: FunctionalConfig): Functional {
  return new Functional(config);
}
