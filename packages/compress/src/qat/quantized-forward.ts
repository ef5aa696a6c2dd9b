import type * as tf from '@tensorflow/tfjs-core';
import { ShapeError } from '@tessera/core';
import { Conv2D, conv2d, Dense, dense, type Layer, resolveActivation, type Shape } from '@tessera/layers';

/** Computes a layer's output with a replacement kernel (fake-quantised, or dequantised on the fly). @internal */
export type KernelForward = (x: tf.Tensor, kernel: tf.Tensor) => tf.Tensor;

const weightOf = (layer: Layer, name: string): tf.Variable | null =>
  layer.weights.find((w) => w.name === name)?.variable ?? null;

/**
 * The forward pass of the layers whose kernels quantisation can replace, through the same functional ops
 * the layers use, with the layer's own bias unless `bias` supplies one; null for other layers. @internal
 */
export function kernelForwardOf(
  layer: Layer,
  bias: () => tf.Tensor | null = () => weightOf(layer, 'bias'),
): KernelForward | null {
  if (layer instanceof Dense) {
    const activation = resolveActivation(layer.activation);
    return (x, kernel) => dense(x, kernel, bias(), activation);
  }
  if (layer instanceof Conv2D) {
    const activation = resolveActivation(layer.activation);
    const { strides, padding, dilationRate } = layer.window;
    return (x, kernel) =>
      conv2d(
        x as tf.Tensor4D,
        kernel as tf.Tensor4D,
        bias() as tf.Tensor1D | null,
        {
          strides: strides as [number, number],
          padding: padding as 'valid' | 'same',
          dilationRate: dilationRate as [number, number],
        },
        activation,
      );
  }
  return null;
}

/**
 * The kernel shape a Dense or Conv2D layer builds for inputs of `inputShape` (Keras layouts). @internal
 * @throws ShapeError when the last input dimension is unknown
 */
export function kernelShapeOf(layer: Dense | Conv2D, inputShape: Shape, where: string): number[] {
  const last = inputShape.at(-1);
  if (typeof last !== 'number')
    throw new ShapeError(`Expected a known last input dimension, received [${inputShape}]`, { where });
  return layer instanceof Dense
    ? [last, layer.units]
    : [...(layer.window.kernelSize as number[]), last, layer.filters];
}

/** The layer classes {@link kernelForwardOf} supports. @internal */
export const QUANTIZABLE_KERNEL_LAYERS = ['Dense', 'Conv2D'];
