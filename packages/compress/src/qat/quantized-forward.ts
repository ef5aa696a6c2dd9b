import type * as tf from '@tensorflow/tfjs-core';
import { Conv2D, Dense, type Layer, conv2d, dense, resolveActivation } from '@tessera/layers';

/** Computes a layer's output with a replacement kernel (the fake-quantised one). @internal */
export type KernelForward = (x: tf.Tensor, kernel: tf.Tensor) => tf.Tensor;

const weightOf = (layer: Layer, name: string): tf.Variable | null =>
  layer.weights.find((w) => w.name === name)?.variable ?? null;

/**
 * The forward pass of the layers whose kernels quantisation-aware training can replace, through the same
 * functional ops the layers use; null for other layers. @internal
 */
export function kernelForwardOf(layer: Layer): KernelForward | null {
  if (layer instanceof Dense) {
    const activation = resolveActivation(layer.activation);
    return (x, kernel) => dense(x, kernel, weightOf(layer, 'bias'), activation);
  }
  if (layer instanceof Conv2D) {
    const activation = resolveActivation(layer.activation);
    const { strides, padding, dilationRate } = layer.window;
    return (x, kernel) =>
      conv2d(
        x as tf.Tensor4D,
        kernel as tf.Tensor4D,
        weightOf(layer, 'bias') as tf.Tensor1D | null,
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

/** The layer classes {@link kernelForwardOf} supports. @internal */
export const QUANTIZABLE_KERNEL_LAYERS = ['Dense', 'Conv2D'];
