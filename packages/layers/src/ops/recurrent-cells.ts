import * as tf from '@tensorflow/tfjs-core';
import type { ActivationFunction } from '../activations/activation.js';

/**
 * One step of a simple (Elman) RNN given the input projection `xw = x · kernel + bias`:
 * `h' = activation(xw + h · recurrentKernel)`; `recurrentMask` (recurrent dropout) scales `h` first.
 * @see Elman, "Finding Structure in Time" (1990); PyTorch `nn.RNNCell`
 * @example
 * ```ts
 * const h1 = simpleRnnStep(tf.matMul(x, kernel), h0, recurrentKernel, tf.tanh);
 * ```
 */
export function simpleRnnStep(
  xw: tf.Tensor2D,
  h: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  activation: ActivationFunction,
  recurrentMask: tf.Tensor2D | null = null,
): tf.Tensor2D {
  return tf.tidy(() => {
    const state = recurrentMask ? (tf.mul(h, recurrentMask) as tf.Tensor2D) : h;
    return activation(tf.add(xw, tf.matMul(state, recurrentKernel))) as tf.Tensor2D;
  });
}

/**
 * One LSTM step given the input projection `xw = x · kernel + bias` (`[batch, 4·units]`, Keras gate order
 * input, forget, cell, output — the same as PyTorch's i, f, g, o):
 * `c' = f ⊙ c + i ⊙ activation(z_c)`, `h' = o ⊙ activation(c')`.
 * @see Hochreiter & Schmidhuber, "Long Short-Term Memory" (1997); Gers et al. (2000) for the forget gate
 * @example
 * ```ts
 * const { h, c } = lstmStep(tf.add(tf.matMul(x, kernel), bias), h0, c0, recurrentKernel, tf.tanh, tf.sigmoid);
 * ```
 */
export function lstmStep(
  xw: tf.Tensor2D,
  h: tf.Tensor2D,
  c: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  activation: ActivationFunction,
  recurrentActivation: ActivationFunction,
  recurrentMask: tf.Tensor2D | null = null,
): { h: tf.Tensor2D; c: tf.Tensor2D } {
  return tf.tidy(() => {
    const state = recurrentMask ? (tf.mul(h, recurrentMask) as tf.Tensor2D) : h;
    const z = tf.add(xw, tf.matMul(state, recurrentKernel));
    const [zi, zf, zc, zo] = tf.split(z, 4, 1) as tf.Tensor2D[];
    const i = recurrentActivation(zi!);
    const f = recurrentActivation(zf!);
    const o = recurrentActivation(zo!);
    const cNext = tf.add(tf.mul(f, c), tf.mul(i, activation(zc!))) as tf.Tensor2D;
    return { h: tf.mul(o, activation(cNext)) as tf.Tensor2D, c: cNext };
  });
}

/**
 * One GRU step given the input projection `xw = x · kernel + inputBias` (`[batch, 3·units]`, Keras gate
 * order update z, reset r, candidate h). With `resetAfter` (Keras's default, PyTorch's only form) the reset
 * gate multiplies the recurrent projection including its own bias: `ĥ = act(x_h + r ⊙ (h · U_h + b_h))`;
 * otherwise it multiplies the state first: `ĥ = act(x_h + (r ⊙ h) · U_h)`. Then `h' = z ⊙ h + (1 − z) ⊙ ĥ`.
 * @see Cho et al. (2014); PyTorch `nn.GRUCell` (gate order r, z, n)
 * @example
 * ```ts
 * const h1 = gruStep(xw, h0, recurrentKernel, recurrentBias, { resetAfter: true, activation: tf.tanh, recurrentActivation: tf.sigmoid });
 * ```
 */
export function gruStep(
  xw: tf.Tensor2D,
  h: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  recurrentBias: tf.Tensor1D | null,
  options: {
    resetAfter: boolean;
    activation: ActivationFunction;
    recurrentActivation: ActivationFunction;
    /** Recurrent-dropout mask applied to the state inside the recurrent projections only. */
    recurrentMask?: tf.Tensor2D | null;
  },
): tf.Tensor2D {
  return tf.tidy(() => {
    const units = h.shape[1];
    const state = options.recurrentMask ? (tf.mul(h, options.recurrentMask) as tf.Tensor2D) : h;
    const [xz, xr, xh] = tf.split(xw, 3, 1) as tf.Tensor2D[];
    const { activation, recurrentActivation } = options;
    if (options.resetAfter) {
      let inner: tf.Tensor2D = tf.matMul(state, recurrentKernel);
      if (recurrentBias) inner = tf.add(inner, recurrentBias);
      const [hz, hr, hh] = tf.split(inner, 3, 1) as tf.Tensor2D[];
      const z = recurrentActivation(tf.add(xz!, hz!));
      const r = recurrentActivation(tf.add(xr!, hr!));
      const candidate = activation(tf.add(xh!, tf.mul(r, hh!)));
      return tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), candidate)) as tf.Tensor2D;
    }
    const gates = tf.matMul(state, tf.slice(recurrentKernel, [0, 0], [units, 2 * units]));
    const [hz, hr] = tf.split(gates, 2, 1) as tf.Tensor2D[];
    const z = recurrentActivation(tf.add(xz!, hz!));
    const r = recurrentActivation(tf.add(xr!, hr!));
    const recurrentH = tf.matMul(
      tf.mul(r, state) as tf.Tensor2D,
      tf.slice(recurrentKernel, [0, 2 * units], [units, units]),
    );
    const candidate = activation(tf.add(xh!, recurrentH));
    return tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), candidate)) as tf.Tensor2D;
  });
}
