import type { TensorTree } from '@tessera/core';
import {
  Conv2D,
  conv2d,
  Dense,
  dense,
  type Layer,
  type Model,
  resolveActivation,
  Sequential,
  type Shape,
} from '@tessera/layers';
import * as tf from '@tensorflow/tfjs-core';
import { exampleLoss } from './example-loss.js';

type Step =
  | { kind: 'pass'; layer: Layer }
  | { kind: 'dense'; layer: Dense; kernel: tf.Variable; bias: tf.Variable | null }
  | { kind: 'conv'; layer: Conv2D; kernel: tf.Variable; bias: tf.Variable | null };

/**
 * Per-example gradients in one batched pass, for Sequential models whose trainable layers are `Dense` and
 * `Conv2D` (without dilation) and whose other layers have no trainable weights: a zero perturbation is added
 * to each such layer's pre-activation output, the gradient of the summed loss with respect to it is each
 * example's backpropagated error `gᵢ`, and the weight gradients follow per example — `xᵢᵀgᵢ` for a dense
 * kernel, the correlation of `xᵢ` with `gᵢ` for a convolution kernel (one depthwise convolution over the
 * batch folded into channels), `Σ gᵢ` for biases. Returns `null` for models it cannot handle (use
 * {@link microbatchGradients}). Memory: B copies of the gradients; compute: one forward and backward pass.
 *
 * @example
 * ```ts
 * const out = vectorizedGradients(model, x, y) ?? microbatchGradients(model, x, y);
 * ```
 * @throws {@link ValidationError} for a model that is not compiled with one output.
 * @see Goodfellow, "Efficient Per-Example Gradient Computations" (2015); Rochette et al., "Efficient
 *   Per-Example Gradient Computations in Convolutional Neural Networks" (2019).
 */
export function vectorizedGradients(
  model: Model,
  x: tf.Tensor,
  y: tf.Tensor,
): { gradients: TensorTree; lossSum: tf.Scalar } | null {
  const { perExample, paths, variables } = exampleLoss(model, 'vectorizedGradients(model)');
  const steps = plan(model, variables);
  if (!steps) return null;
  const batch = x.shape[0]!;
  let shape: Shape = x.shape;
  const zeros: tf.Tensor[] = [];
  for (const step of steps) {
    const out = step.layer.computeOutputShape(shape) as Shape;
    if (step.kind !== 'pass') zeros.push(tf.zeros(out.map((d) => d ?? batch)));
    shape = out;
  }
  const inputs: tf.Tensor[] = [];
  try {
    const f = (...perturbations: tf.Tensor[]): tf.Scalar => {
      let h = x;
      let k = 0;
      for (const step of steps) {
        if (step.kind === 'pass') {
          h = step.layer.call(h, { training: true }) as tf.Tensor;
          continue;
        }
        inputs.push(tf.keep(h));
        const z =
          step.kind === 'dense'
            ? dense(h, step.kernel, step.bias)
            : conv2d(
                h as tf.Tensor4D,
                step.kernel as unknown as tf.Tensor4D,
                step.bias as tf.Tensor1D | null,
                windowOf(step.layer),
              );
        const activation = resolveActivation(step.layer.activation);
        const zp = tf.add(z, perturbations[k++]!);
        h = activation ? activation(zp) : zp;
      }
      return tf.sum(perExample(y, h)) as tf.Scalar;
    };
    const { value, grads } = tf.valueAndGrads(f)(zeros);
    const gradients: TensorTree = {};
    let k = 0;
    for (const step of steps) {
      if (step.kind === 'pass') continue;
      const [input, g] = [inputs[k]!, grads[k]!];
      k++;
      const kernelGrad =
        step.kind === 'dense' ? denseKernelGradients(input, g) : convKernelGradients(input, g, step.layer);
      gradients[paths[variables.indexOf(step.kernel)]!] = kernelGrad;
      if (step.bias)
        gradients[paths[variables.indexOf(step.bias)]!] = tf.tidy(() =>
          tf.sum(tf.reshape(g, [batch, -1, g.shape.at(-1)!]), 1),
        );
    }
    tf.dispose(grads);
    return { gradients, lossSum: value };
  } finally {
    // The first layer's input is the caller's x: kept, never disposed here.
    tf.dispose([...zeros, ...inputs.filter((t) => t !== x)]);
  }
}

/** Which layers take part, or null when some trainable weight is outside Dense/Conv2D kernels and biases. */
function plan(model: Model, variables: readonly tf.Variable[]): Step[] | null {
  if (!(model instanceof Sequential)) return null;
  const covered = new Set<tf.Variable>();
  const steps: Step[] = [];
  for (const layer of model.layers) {
    const own = layer.trainableWeights;
    if (own.length === 0) {
      steps.push({ kind: 'pass', layer });
      continue;
    }
    const kernel = layer.weights.find((w) => w.name === 'kernel')?.variable;
    const bias = layer.weights.find((w) => w.name === 'bias')?.variable ?? null;
    if (
      !kernel ||
      !own.every((w) => w.variable === kernel || w.variable === bias) ||
      own.length !== layer.weights.length
    )
      return null;
    if (layer instanceof Dense) steps.push({ kind: 'dense', layer, kernel, bias });
    else if (layer instanceof Conv2D && layer.window.dilationRate.every((d) => d === 1))
      steps.push({ kind: 'conv', layer, kernel, bias });
    else return null;
    covered.add(kernel);
    if (bias) covered.add(bias);
  }
  return variables.every((v) => covered.has(v)) ? steps : null;
}

function windowOf(layer: Conv2D) {
  const { strides, padding } = layer.window;
  return { strides: strides as [number, number], padding };
}

/** `Σ_t xᵢₜᵀ gᵢₜ` per example: `[B, in, units]`. */
function denseKernelGradients(input: tf.Tensor, g: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const b = input.shape[0]!;
    const x3 = tf.reshape(input, [b, -1, input.shape.at(-1)!]) as tf.Tensor3D;
    const g3 = tf.reshape(g, [b, -1, g.shape.at(-1)!]) as tf.Tensor3D;
    return tf.matMul(x3, g3, true, false);
  });
}

/**
 * `∂Lᵢ/∂K[p, q, c, o] = Σ_{h,w} x̃ᵢ[s·h + p, s·w + q, c] · gᵢ[h, w, o]` (x̃ the padded input) for all examples
 * at once: a depthwise convolution of the input, with batch and channels folded into channels, by the
 * errors used as filters dilated by the stride.
 */
function convKernelGradients(input: tf.Tensor, g: tf.Tensor, layer: Conv2D): tf.Tensor {
  return tf.tidy(() => {
    const [b, height, width, cin] = input.shape as [number, number, number, number];
    const [, ho, wo, cout] = g.shape as [number, number, number, number];
    const [kh, kw] = layer.window.kernelSize as [number, number];
    const [sh, sw] = layer.window.strides as [number, number];
    const pad = (size: number, out: number, k: number, s: number) => {
      const total = layer.window.padding === 'same' ? Math.max((out - 1) * s + k - size, 0) : 0;
      return [Math.floor(total / 2), total - Math.floor(total / 2)] as [number, number];
    };
    const padded = tf.pad(input, [[0, 0], pad(height, ho, kh, sh), pad(width, wo, kw, sw), [0, 0]]);
    const [, hp, wp] = padded.shape as [number, number, number, number];
    const folded = tf.reshape(tf.transpose(padded, [1, 2, 0, 3]), [1, hp, wp, b * cin]) as tf.Tensor4D;
    const filters = tf.reshape(
      tf.tile(tf.reshape(tf.transpose(g, [1, 2, 0, 3]), [ho, wo, b, 1, cout]), [1, 1, 1, cin, 1]),
      [ho, wo, b * cin, cout],
    ) as tf.Tensor4D;
    const correlation = tf.depthwiseConv2d(folded, filters, 1, 'valid', 'NHWC', [sh, sw]);
    const cropped = tf.slice(correlation, [0, 0, 0, 0], [1, kh, kw, b * cin * cout]);
    return tf.transpose(tf.reshape(cropped, [kh, kw, b, cin, cout]), [2, 0, 1, 3, 4]);
  });
}
