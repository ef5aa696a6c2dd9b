import { IOError } from '@tessera/core';
import type { Layer } from '../layer/layer.js';
import type { CallOptions, SerializedLayer } from '../layer/layer-types.js';
import { serializeLayer } from '../layer/serialization.js';
import { type GraphNode, layerNodes } from './graph-node.js';
import type { FunctionalGraph } from './graph-order.js';
import { InputLayer, inputTensorOf } from './input-layer.js';
import { isSymbolic, type SymbolicTensor } from './symbolic-tensor.js';

/** One input of a node: `[layerName, nodeIndex, tensorIndex, callOptions]` (Keras's inbound-node entry). */
export type NodeEntry = readonly [string, number, number, Readonly<Record<string, unknown>>?];

/** A layer of a functional config with the calls that feed it. */
export interface GraphLayerConfig extends SerializedLayer {
  readonly name: string;
  /** One list of entries per call of the layer in this graph (InputLayers have none). */
  readonly inboundNodes: readonly (readonly NodeEntry[])[];
}

/** The topology of a functional model (Keras's layout, camelCase keys). */
export interface GraphConfig {
  readonly layers: readonly GraphLayerConfig[];
  readonly inputLayers: readonly NodeEntry[];
  readonly outputLayers: readonly NodeEntry[];
}

/**
 * Describes a functional graph as JSON: every layer's config and, per call, which tensors it read; node
 * indices count only the calls inside this graph.
 * @example
 * ```ts
 * const config = graphConfig(collectGraph([x], [y]), [x], [y]);
 * ```
 */
export function graphConfig(
  graph: FunctionalGraph,
  inputs: readonly SymbolicTensor[],
  outputs: readonly SymbolicTensor[],
): GraphConfig {
  const inGraph = new Set<GraphNode>(graph.nodes);
  const nodesIn = (layer: Layer) => layerNodes(layer).filter((n) => inGraph.has(n));
  const entry = (t: SymbolicTensor, options?: GraphNode['options']): NodeEntry => {
    const base = [t.node.layer.name, nodesIn(t.node.layer).indexOf(t.node), t.outputIndex] as const;
    return options && Object.keys(options).length > 0 ? [...base, { ...options }] : base;
  };
  return {
    layers: graph.layers.map((layer) => ({
      ...serializeLayer(layer),
      name: layer.name,
      inboundNodes: nodesIn(layer)
        .filter((n) => n.inputs.length > 0)
        .map((n) => n.inputs.map((t) => entry(t, n.options))),
    })),
    inputLayers: inputs.map((t) => entry(t)),
    outputLayers: outputs.map((t) => entry(t)),
  };
}

/**
 * Rebuilds the symbolic graph of a {@link GraphConfig}: creates each layer with `deserialize`, then replays
 * the calls in an order that respects their inputs (as Keras does), so shared layers and nested models
 * come back as they were.
 * @throws IOError when the config is malformed or refers to layers or calls that do not exist
 * @example
 * ```ts
 * const { inputs, outputs } = graphFromConfig(config, deserializeModelLayer);
 * ```
 */
export function graphFromConfig(
  config: GraphConfig,
  deserialize: (s: SerializedLayer) => Layer,
): { inputs: SymbolicTensor[]; outputs: SymbolicTensor[] } {
  if (
    !config ||
    !Array.isArray(config.layers) ||
    !Array.isArray(config.inputLayers) ||
    !Array.isArray(config.outputLayers)
  ) {
    throw new IOError('Expected a functional config with layers, inputLayers and outputLayers', {
      where: 'graphFromConfig',
    });
  }
  const produced = new Map<string, SymbolicTensor[][]>();
  const pending: { layer: Layer; nodes: (readonly NodeEntry[])[] }[] = [];
  try {
    for (const spec of config.layers) {
      const layer = deserialize({ className: spec.className, config: spec.config });
      pending.push({ layer, nodes: [...(spec.inboundNodes ?? [])] });
      if (layer.name !== spec.name)
        throw new IOError(`Layer config named "${layer.name}" is listed as "${spec.name}"`, {
          where: 'graphFromConfig',
        });
      if (layer instanceof InputLayer) produced.set(layer.name, [[inputTensorOf(layer)]]);
    }
    return replay(config, pending, produced);
  } catch (e) {
    // Nothing owns the layers yet: free the weights of those already built.
    for (const p of pending) p.layer.dispose();
    throw e;
  }
}

function replay(
  config: GraphConfig,
  pending: { layer: Layer; nodes: (readonly NodeEntry[])[] }[],
  produced: Map<string, SymbolicTensor[][]>,
): { inputs: SymbolicTensor[]; outputs: SymbolicTensor[] } {
  const lookup = (e: NodeEntry): SymbolicTensor | undefined => produced.get(e[0])?.[e[1]]?.[e[2]];
  for (let progress = true; progress; ) {
    progress = false;
    for (const p of pending) {
      while (p.nodes.length > 0) {
        const entries: readonly NodeEntry[] = p.nodes[0]!;
        const tensors: (SymbolicTensor | undefined)[] = entries.map(lookup);
        if (tensors.some((t) => t === undefined)) break;
        const options = (entries[0]?.[3] ?? {}) as CallOptions;
        const ready = tensors as SymbolicTensor[];
        const out: unknown = p.layer.apply(
          ready.length === 1 ? ready[0]! : ready,
          options.training === undefined ? {} : { training: options.training },
        );
        if (!isSymbolic(out))
          throw new IOError(`Layer "${p.layer.name}" did not return symbolic tensors`, {
            where: 'graphFromConfig',
          });
        const list = Array.isArray(out) ? [...out] : [out as SymbolicTensor];
        produced.set(p.layer.name, [...(produced.get(p.layer.name) ?? []), list]);
        p.nodes.shift();
        progress = true;
      }
    }
  }
  const stuck = pending.find((p) => p.nodes.length > 0);
  if (stuck) {
    const missing = (stuck.nodes[0] as readonly NodeEntry[])
      .filter((e) => lookup(e) === undefined)
      .map((e) => `${e[0]}[${e[1]}][${e[2]}]`);
    throw new IOError(
      `Cannot rebuild the graph: layer "${stuck.layer.name}" reads ${missing.join(', ')}, which no layer produces`,
      { where: 'graphFromConfig' },
    );
  }
  const resolve = (e: NodeEntry, what: string) => {
    const t = lookup(e);
    if (!t)
      throw new IOError(`The ${what} ${e[0]}[${e[1]}][${e[2]}] is not produced by the graph`, {
        where: 'graphFromConfig',
      });
    return t;
  };
  return {
    inputs: config.inputLayers.map((e) => resolve(e, 'input')),
    outputs: config.outputLayers.map((e) => resolve(e, 'output')),
  };
}
