// Shared by train.mjs and train.cjs: trains a small MLP and a small CNN with raw tfjs ops, tf.variableGrads
// and plain SGD on every backend asked for, and returns the losses. It receives `tf` and `core` from its
// caller so that the ESM script exercises the package's ESM build and the CJS script its CJS build.
'use strict';

/** mulberry32: a tiny seeded generator, so both backends and both module formats see identical data. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function values(random, count, scale) {
  return Float32Array.from({ length: count }, () => (random() * 2 - 1) * scale);
}

function mlp(tf, random) {
  const x = tf.tensor2d(values(random, 16 * 4, 1), [16, 4]);
  const y = tf.tensor2d(values(random, 16, 1), [16, 1]);
  // tidy frees the initial values; the variables keep their own reference to the data.
  const params = tf.tidy(() => ({
    w1: tf.variable(tf.tensor2d(values(random, 4 * 8, 0.5), [4, 8])),
    b1: tf.variable(tf.tensor1d(values(random, 8, 0.1))),
    w2: tf.variable(tf.tensor2d(values(random, 8, 0.5), [8, 1])),
    b2: tf.variable(tf.tensor1d(values(random, 1, 0.1))),
  }));
  const loss = () => {
    const hidden = tf.relu(tf.add(tf.matMul(x, params.w1), params.b1));
    return tf.mean(tf.square(tf.sub(tf.add(tf.matMul(hidden, params.w2), params.b2), y)));
  };
  return { data: [x, y], params, loss, learningRate: 0.1 };
}

function cnn(tf, random) {
  const x = tf.tensor4d(values(random, 4 * 6 * 6 * 2, 1), [4, 6, 6, 2]);
  const labels = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 2, 1, 2], 'int32'), 3));
  const params = tf.tidy(() => ({
    filter: tf.variable(tf.tensor4d(values(random, 3 * 3 * 2 * 4, 0.4), [3, 3, 2, 4])),
    bias: tf.variable(tf.tensor1d(values(random, 4, 0.1))),
    dense: tf.variable(tf.tensor2d(values(random, 3 * 3 * 4 * 3, 0.3), [36, 3])),
  }));
  const loss = () => {
    const features = tf.relu(tf.add(tf.conv2d(x, params.filter, 1, 'same'), params.bias));
    const pooled = tf.add(tf.maxPool(features, 2, 2, 'valid'), tf.avgPool(features, 2, 2, 'valid'));
    const logits = tf.matMul(tf.reshape(pooled, [4, 36]), params.dense);
    return tf.neg(tf.mean(tf.sum(tf.mul(labels, tf.logSoftmax(logits)), 1)));
  };
  return { data: [x, labels], params, loss, learningRate: 0.5 };
}

async function train(tf, model, steps) {
  const variables = Object.values(model.params);
  const tensorsBefore = tf.memory().numTensors;
  const losses = [];
  for (let step = 0; step < steps; step++) {
    const { value, grads } = tf.variableGrads(model.loss, variables);
    tf.tidy(() => {
      for (const v of variables) v.assign(tf.sub(v, tf.mul(grads[v.name], model.learningRate)));
    });
    losses.push((await value.data())[0]);
    tf.dispose([value, grads]);
  }
  const tensorsAfter = tf.memory().numTensors;
  tf.dispose([...model.data, ...variables]);
  return { losses, tensorsBefore, tensorsAfter };
}

async function trainAll(tf, core, backends, steps = 5) {
  const results = {};
  for (const backend of backends) {
    const selection = await core.initBackend(backend, { fallback: false });
    const start = tf.memory().numTensors;
    results[backend] = {
      backend: tf.getBackend(),
      completedKernels: selection.completedKernels,
      mlp: await train(tf, mlp(tf, seeded(7)), steps),
      cnn: await train(tf, cnn(tf, seeded(11)), steps),
    };
    results[backend].tensorsLeft = tf.memory().numTensors - start;
  }
  return results;
}

module.exports = { trainAll };
