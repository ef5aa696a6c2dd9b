import * as tf from '@tensorflow/tfjs-core';

/** What {@link trainTinyModel} reports. */
export interface TinyTrainingResult {
  readonly initialLoss: number;
  readonly finalLoss: number;
}

/**
 * Fits a 2-16-1 MLP to XOR-like data (the label is whether x·y > 0) with Adam, on whatever backend is
 * active. Small on purpose: the point is the kernels it runs (matMul, relu, sigmoid, their gradients).
 */
export async function trainTinyModel(steps = 200, seed = 1): Promise<TinyTrainingResult> {
  const { x, y } = tf.tidy(() => {
    const points = tf.randomUniform([128, 2], -1, 1, 'float32', seed);
    const [a, b] = tf.split(points, 2, 1);
    return { x: points, y: tf.cast(tf.greater(tf.mul(a!, b!), 0), 'float32') };
  });
  // Inside tidy so the initial values, which tf.variable copies, are disposed.
  const [w1, b1, w2, b2] = tf.tidy(() => [
    tf.variable(tf.randomNormal([2, 16], 0, 1, 'float32', seed + 1)),
    tf.variable(tf.zeros([16])),
    tf.variable(tf.randomNormal([16, 1], 0, 0.25, 'float32', seed + 2)),
    tf.variable(tf.zeros([1])),
  ]) as [tf.Variable, tf.Variable, tf.Variable, tf.Variable];
  const optimizer = tf.train.adam(0.05);
  const loss = () =>
    tf.tidy(() => {
      const logits = tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2);
      return tf.losses.sigmoidCrossEntropy(y, logits) as tf.Scalar;
    });
  const readLoss = async () => {
    const value = loss();
    const [v] = await value.data();
    value.dispose();
    return v!;
  };
  try {
    const initialLoss = await readLoss();
    for (let step = 0; step < steps; step++) optimizer.minimize(loss);
    return { initialLoss, finalLoss: await readLoss() };
  } finally {
    optimizer.dispose();
    tf.dispose([x, y, w1, b1, w2, b2]);
  }
}
