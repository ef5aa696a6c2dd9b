import type { DataType } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { singleInput } from '../layer/layer-inputs.js';
import { Layer } from '../layer/layer.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../layer/layer-types.js';
import { type GraphNode, recordNode } from './graph-node.js';
import { SymbolicTensor } from './symbolic-tensor.js';

/** Config of {@link InputLayer}. */
export interface InputLayerConfig extends LayerConfig {
  /** The full input shape, batch dimension first (`null` when free), e.g. `[null, 28, 28, 1]`. */
  batchInputShape: Shape;
  /** Default `'float32'`; `'int32'` for token ids. */
  dtype?: DataType;
}

/** Options of {@link input}. */
export interface InputOptions {
  /** The shape of one example (without the batch dimension), e.g. `[28, 28, 1]`. */
  shape: readonly (number | null)[];
  /** A fixed batch size (default: any). */
  batchSize?: number;
  dtype?: DataType;
  name?: string;
}

const DTYPES: readonly DataType[] = ['float32', 'int32', 'bool'];

/**
 * The entry point of a functional graph (Keras `InputLayer`): it holds the input's shape and dtype and
 * passes its tensor through. Create it with {@link input}.
 * @throws ValidationError for a shape that is not a list of positive integers or `null`, or an unknown dtype
 * @example
 * ```ts
 * const layer = new InputLayer({ batchInputShape: [null, 784] });
 * ```
 */
export class InputLayer extends Layer<tf.Tensor> {
  readonly batchInputShape: Shape;
  readonly dtype: DataType;

  constructor(config: InputLayerConfig) {
    super('InputLayer', config);
    const shape = config.batchInputShape;
    if (!Array.isArray(shape) || !shape.every((d) => d === null || (Number.isInteger(d) && d > 0))) {
      throw ValidationError.expected(
        'a shape of positive integers or null',
        shape,
        this.where('batchInputShape'),
      );
    }
    this.dtype = config.dtype ?? 'float32';
    if (!DTYPES.includes(this.dtype))
      throw ValidationError.expected(DTYPES.join(', '), this.dtype, this.where('dtype'));
    this.batchInputShape = [...shape];
    this.supportsMasking = true;
    this.build(this.batchInputShape);
  }

  computeOutputShape(inputShape: Shape | readonly Shape[]): Shape {
    return inputShape as Shape;
  }

  protected buildWeights(): void {}

  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    return tf.clone(singleInput(inputs, this.where('call')));
  }

  protected layerConfig(): Record<string, unknown> {
    return { batchInputShape: [...this.batchInputShape], dtype: this.dtype };
  }
}

/**
 * Starts a functional graph: a symbolic tensor of the given per-example shape (Keras `keras.Input`).
 * @throws ValidationError for a bad shape, batch size or dtype
 * @example
 * ```ts
 * const x = input({ shape: [28, 28, 1], name: 'image' });
 * const y = new Flatten().apply(x);
 * ```
 */
export function input(options: InputOptions): SymbolicTensor {
  if (options === null || typeof options !== 'object' || !Array.isArray(options.shape)) {
    throw ValidationError.expected('{ shape: [...] }', options, 'input(options)');
  }
  if (options.batchSize !== undefined && !(Number.isInteger(options.batchSize) && options.batchSize > 0)) {
    throw ValidationError.expected(
      'a positive integer batch size',
      options.batchSize,
      'input(options).batchSize',
    );
  }
  const layer = new InputLayer({
    batchInputShape: [options.batchSize ?? null, ...options.shape],
    ...(options.dtype ? { dtype: options.dtype } : {}),
    ...(options.name ? { name: options.name } : {}),
  });
  return inputTensorOf(layer);
}

/** The symbolic tensor an {@link InputLayer} produces (created once per layer). @internal */
export function inputTensorOf(layer: InputLayer): SymbolicTensor {
  const node: GraphNode = { layer, inputs: [], listInput: false, outputs: [], options: {} };
  node.outputs.push(new SymbolicTensor(layer.batchInputShape, layer.dtype, node, 0));
  recordNode(node);
  return node.outputs[0]!;
}
