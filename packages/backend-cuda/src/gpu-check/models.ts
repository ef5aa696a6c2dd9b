import * as tf from '@tensorflow/tfjs-core';
import { seededNormal } from './seeded-init.js';

/** A model for the GPU checks and the bench: named weights and a forward pass from inputs to logits. */
export interface CheckModel {
  readonly name: string;
  readonly weights: Record<string, tf.Variable>;
  logits(x: tf.Tensor): tf.Tensor2D;
  dispose(): void;
}

function variables(
  spec: Record<string, { shape: number[]; std: number }>,
  seed: number,
): Record<string, tf.Variable> {
  const out: Record<string, tf.Variable> = {};
  let k = 0;
  for (const [name, { shape, std }] of Object.entries(spec)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = std === 0 ? new Float32Array(size) : seededNormal(size, std, seed + 7919 * k++);
    const initial = tf.tensor(values, shape);
    out[name] = tf.variable(initial, true, `${name}_${seed}_${Math.random().toString(36).slice(2)}`);
    initial.dispose();
  }
  return out;
}

const he = (fanIn: number) => Math.sqrt(2 / fanIn);

/** A multi-layer perceptron: `inputs → hidden… → classes`, ReLU between layers. */
export function mlp(inputs: number, hidden: readonly number[], classes: number, seed = 1): CheckModel {
  const sizes = [inputs, ...hidden, classes];
  const spec: Record<string, { shape: number[]; std: number }> = {};
  sizes.slice(1).forEach((size, i) => {
    spec[`w${i}`] = { shape: [sizes[i]!, size], std: he(sizes[i]!) };
    spec[`b${i}`] = { shape: [size], std: 0 };
  });
  const weights = variables(spec, seed);
  return {
    name: 'mlp',
    weights,
    logits: (x) =>
      tf.tidy(() => {
        let h = x.reshape([x.shape[0]!, -1]) as tf.Tensor2D;
        for (let i = 0; i < sizes.length - 1; i++) {
          h = tf.add(tf.matMul(h, weights[`w${i}`]! as tf.Tensor2D), weights[`b${i}`]!) as tf.Tensor2D;
          if (i < sizes.length - 2) h = tf.relu(h);
        }
        return h;
      }),
    dispose: () => tf.dispose(Object.values(weights)),
  };
}

/** The seed CNN: conv 3×3 → ReLU → max-pool 2 → conv 3×3 → ReLU → max-pool 2 → dense → ReLU → dense. */
export function cnn(
  height: number,
  width: number,
  channels: number,
  classes: number,
  filters = [16, 32],
  dense = 64,
  seed = 2,
): CheckModel {
  const [f1, f2] = filters as [number, number];
  const flat = Math.floor(height / 4) * Math.floor(width / 4) * f2;
  const weights = variables(
    {
      k1: { shape: [3, 3, channels, f1], std: he(9 * channels) },
      c1: { shape: [f1], std: 0 },
      k2: { shape: [3, 3, f1, f2], std: he(9 * f1) },
      c2: { shape: [f2], std: 0 },
      w3: { shape: [flat, dense], std: he(flat) },
      b3: { shape: [dense], std: 0 },
      w4: { shape: [dense, classes], std: he(dense) },
      b4: { shape: [classes], std: 0 },
    },
    seed,
  );
  const w = weights as Record<string, tf.Tensor>;
  return {
    name: 'cnn',
    weights,
    logits: (x) =>
      tf.tidy(() => {
        let h = tf.relu(
          tf.add(tf.conv2d(x as tf.Tensor4D, w.k1 as tf.Tensor4D, 1, 'same'), w.c1!),
        ) as tf.Tensor4D;
        h = tf.maxPool(h, 2, 2, 'valid');
        h = tf.relu(tf.add(tf.conv2d(h, w.k2 as tf.Tensor4D, 1, 'same'), w.c2!)) as tf.Tensor4D;
        h = tf.maxPool(h, 2, 2, 'valid');
        const d = tf.relu(tf.add(tf.matMul(h.reshape([h.shape[0], flat]), w.w3 as tf.Tensor2D), w.b3!));
        return tf.add(tf.matMul(d as tf.Tensor2D, w.w4 as tf.Tensor2D), w.b4!) as tf.Tensor2D;
      }),
    dispose: () => tf.dispose(Object.values(weights)),
  };
}

function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gamma), beta);
}

/**
 * A Transformer encoder block over embedded tokens (post-norm, as in Vaswani et al. 2017): multi-head
 * self-attention and a ReLU feed-forward network, each with a residual connection and layer norm, then a
 * mean over positions and a linear classifier.
 *
 * @see https://arxiv.org/abs/1706.03762
 */
export function transformerBlock(
  vocabulary: number,
  length: number,
  model: number,
  heads: number,
  ffn: number,
  classes: number,
  seed = 3,
): CheckModel {
  const d = model;
  const weights = variables(
    {
      embedding: { shape: [vocabulary, d], std: 0.5 },
      position: { shape: [length, d], std: 0.1 },
      wq: { shape: [d, d], std: Math.sqrt(1 / d) },
      wk: { shape: [d, d], std: Math.sqrt(1 / d) },
      wv: { shape: [d, d], std: Math.sqrt(1 / d) },
      wo: { shape: [d, d], std: Math.sqrt(1 / d) },
      g1: { shape: [d], std: 0 },
      n1: { shape: [d], std: 0 },
      w1: { shape: [d, ffn], std: he(d) },
      b1: { shape: [ffn], std: 0 },
      w2: { shape: [ffn, d], std: Math.sqrt(1 / ffn) },
      b2: { shape: [d], std: 0 },
      g2: { shape: [d], std: 0 },
      n2: { shape: [d], std: 0 },
      wc: { shape: [d, classes], std: Math.sqrt(1 / d) },
      bc: { shape: [classes], std: 0 },
    },
    seed,
  );
  // Layer-norm gains start at 1 (the zero-initialised values above plus one).
  tf.tidy(() => {
    weights.g1!.assign(tf.onesLike(weights.g1!));
    weights.g2!.assign(tf.onesLike(weights.g2!));
  });
  const w = weights as Record<string, tf.Tensor>;
  const dk = d / heads;
  return {
    name: 'transformer',
    weights,
    logits: (tokens) =>
      tf.tidy(() => {
        const batch = tokens.shape[0]!;
        const x = tf.add(
          tf.gather(w.embedding!, tokens.reshape([-1])).reshape([batch, length, d]),
          w.position!,
        );
        const flat = x.reshape([batch * length, d]) as tf.Tensor2D;
        const split = (m: tf.Tensor) =>
          tf
            .matMul(flat, m as tf.Tensor2D)
            .reshape([batch, length, heads, dk])
            .transpose([0, 2, 1, 3]) as tf.Tensor4D;
        const q = split(w.wq!);
        const k = split(w.wk!);
        const v = split(w.wv!);
        const scores = tf.div(tf.matMul(q, k, false, true), Math.sqrt(dk));
        const attended = tf
          .matMul(tf.softmax(scores), v)
          .transpose([0, 2, 1, 3])
          .reshape([batch * length, d]);
        const h1 = layerNorm(
          tf.add(flat, tf.matMul(attended as tf.Tensor2D, w.wo as tf.Tensor2D)),
          w.g1!,
          w.n1!,
        );
        const f = tf.add(
          tf.matMul(
            tf.relu(tf.add(tf.matMul(h1 as tf.Tensor2D, w.w1 as tf.Tensor2D), w.b1!)) as tf.Tensor2D,
            w.w2 as tf.Tensor2D,
          ),
          w.b2!,
        );
        const h2 = layerNorm(tf.add(h1, f), w.g2!, w.n2!).reshape([batch, length, d]);
        return tf.add(tf.matMul(tf.mean(h2, 1) as tf.Tensor2D, w.wc as tf.Tensor2D), w.bc!) as tf.Tensor2D;
      }),
    dispose: () => tf.dispose(Object.values(weights)),
  };
}

/**
 * One SGD step on softmax cross-entropy: returns the loss (a scalar the caller disposes). Everything else
 * the step makes is disposed.
 */
export function sgdStep(model: CheckModel, x: tf.Tensor, labels: tf.Tensor, learningRate: number): tf.Scalar {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      const logits = model.logits(x);
      return tf.losses.softmaxCrossEntropy(
        tf.oneHot(labels as tf.Tensor1D, logits.shape[1]),
        logits,
      ) as tf.Scalar;
    }, Object.values(model.weights));
    for (const v of Object.values(model.weights)) v.assign(tf.sub(v, tf.mul(grads[v.name]!, learningRate)));
    return value;
  });
}
