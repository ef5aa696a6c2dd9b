import type { TensorTree } from '@tessera/core';
import { alignTarget, type Model, modelWeightPaths } from '@tessera/layers';
import type { Optimizer } from '@tessera/optim';
import { reduceLoss } from '@tessera/optim';
import * as tf from '@tensorflow/tfjs-core';
import { ChaChaStream, deriveKey } from '../secagg/prg.js';
import { proximalTerm } from '../strategy/fed-prox.js';

/** Settings of {@link localEpochs}. @internal */
export interface LocalEpochSettings {
  readonly epochs: number;
  readonly batchSize: number;
  /** FedProx's μ (0: plain local SGD). */
  readonly proximalMu: number;
  readonly globalParameters: TensorTree;
  readonly seed: number;
  readonly round: number;
}

/**
 * A client's local training: `epochs` passes over `(x, y)` in shuffled minibatches (shuffle seeded by
 * `(seed, round, epoch)`), each step minimising the compiled loss plus regularisation and, with `μ > 0`,
 * FedProx's proximal term against the global parameters. Returns the mean batch loss of the last epoch.
 * @internal
 * @see Li et al., "Federated Optimization in Heterogeneous Networks", MLSys 2020 (the proximal term).
 */
export async function localEpochs(
  model: Model,
  optimizer: Optimizer,
  x: tf.Tensor,
  y: tf.Tensor,
  s: LocalEpochSettings,
): Promise<number> {
  const loss = model.compiled!.losses[0]!;
  const trainable = model.trainableWeights;
  const paths = modelWeightPaths(model, trainable);
  const variables = Object.fromEntries(paths.map((p, i) => [p, trainable[i]!.variable]));
  const anchor = Object.fromEntries(paths.map((p) => [p, s.globalParameters[p]!]));
  const n = x.shape[0]!;
  let last = Number.NaN;
  for (let epoch = 0; epoch < s.epochs; epoch++) {
    const order = shuffled(
      n,
      new ChaChaStream(deriveKey('tessera/federated/local-shuffle', s.seed, s.round, epoch)),
    );
    let total = 0;
    let batches = 0;
    for (let start = 0; start < n; start += s.batchSize) {
      const idx = tf.tensor1d(order.slice(start, start + s.batchSize), 'int32');
      const [xb, yb] = [tf.gather(x, idx), tf.gather(y, idx)];
      const { value, grads } = tf.variableGrads(() => {
        const predictions = model.call(xb, { training: true }) as tf.Tensor;
        const task = reduceLoss(loss(alignTarget(yb, predictions), predictions)) as tf.Scalar;
        const terms = [task, ...model.regularizationLosses()];
        if (s.proximalMu > 0) terms.push(proximalTerm(variables, anchor, s.proximalMu));
        return tf.addN(terms) as tf.Scalar;
      }, Object.values(variables));
      const byPath = Object.fromEntries(paths.map((p) => [p, grads[variables[p]!.name]!]));
      try {
        await optimizer.applyGradients(byPath, variables);
      } finally {
        tf.dispose([idx, xb, yb, ...Object.values(grads)]);
      }
      model.applyConstraints();
      total += (await value.data())[0]!;
      value.dispose();
      batches++;
    }
    last = total / Math.max(1, batches);
  }
  return last;
}

function shuffled(n: number, stream: ChaChaStream): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = stream.uniformInt(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
