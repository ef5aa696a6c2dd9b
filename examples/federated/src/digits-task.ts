// The task every federated example trains: a small CNN on the 8×8 digits (no BatchNormalization, so the
// same model also trains under DP-SGD), a stratified train/test split, and per-client shards.
import { type TensorTree, treeNames } from '@tessera/core';
import { loadDigitsData, trainTestSplit } from '@tessera/data';
import { type PartitionScheme, partitionClients } from '@tessera/federated';
import {
  Conv2D,
  Dense,
  Flatten,
  input,
  MaxPooling2D,
  modelWeightPaths,
  type Sequential,
  sequential,
} from '@tessera/layers';
import * as tf from '@tensorflow/tfjs-core';

/** conv 3×3×8 → max-pool 2 → conv 3×3×16 → dense 10 (3,818 parameters), cross-entropy from logits, accuracy. */
export function digitsCnn(): Sequential {
  const model = sequential([
    input({ shape: [8, 8, 1] }),
    new Conv2D({ name: 'conv1', filters: 8, kernelSize: 3, padding: 'same', activation: 'relu', seed: 1 }),
    new MaxPooling2D({ poolSize: 2 }),
    new Conv2D({ name: 'conv2', filters: 16, kernelSize: 3, padding: 'same', activation: 'relu', seed: 2 }),
    new Flatten(),
    new Dense({ name: 'logits', units: 10, seed: 3 }),
  ]);
  model.compile({
    optimizer: 'sgd', // unused: federated clients make a fresh local optimizer every round
    loss: { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } },
    metrics: ['accuracy'],
  });
  return model;
}

/** The model's weights as a named tree (new tensors). */
export function parametersOf(model: Sequential): TensorTree {
  const values = model.getWeights();
  return Object.fromEntries(modelWeightPaths(model).map((p, i) => [p, values[i]!]));
}

/** The digits, split 80/20 (stratified, seed 0) into the indices clients train on and the server's test set. */
export function digitsSplit(): { images: Float32Array; labels: Int32Array; train: number[]; test: number[] } {
  const { images, labels } = loadDigitsData();
  const { train, test } = trainTestSplit(labels.length, {
    testFraction: 0.2,
    seed: 0,
    stratify: Array.from(labels),
  });
  return { images, labels, train, test };
}

/** Images scaled to [0, 1] `[n, 8, 8, 1]` and labels `[n]` for the given sample indices; the caller disposes them. */
export function digitsTensors(indices: readonly number[]): { x: tf.Tensor4D; y: tf.Tensor1D } {
  const { images, labels } = digitsData();
  const x = new Float32Array(indices.length * 64);
  indices.forEach((i, k) => {
    x.set(images.subarray(i * 64, (i + 1) * 64), k * 64);
  });
  return tf.tidy(() => ({
    x: tf.div(tf.tensor4d(x, [indices.length, 8, 8, 1]), 16) as tf.Tensor4D,
    y: tf.tensor1d(
      Int32Array.from(indices, (i) => labels[i]!),
      'int32',
    ),
  }));
}

/** The training indices of client `index` of `numClients` under `scheme` (the same split in every process). */
export function clientIndices(
  numClients: number,
  index: number,
  scheme: PartitionScheme,
  seed = 1,
): number[] {
  const { labels, train } = digitsData();
  const partition = partitionClients(
    Array.from(train, (i) => labels[i]!),
    numClients,
    scheme,
    seed,
  );
  return partition.clients[index]!.map((k) => train[k]!);
}

/** Test loss and accuracy of `parameters` on the held-out digits. */
export async function evaluateOnTestSet(
  model: Sequential,
  parameters: TensorTree,
  data: { x: tf.Tensor; y: tf.Tensor },
) {
  model.setWeights(treeNames(parameters).length ? modelWeightPaths(model).map((p) => parameters[p]!) : []);
  const logs = await model.evaluate(data.x, data.y, { batchSize: 128 });
  return { loss: logs.loss!, metrics: { accuracy: logs.accuracy! } };
}

let cached: ReturnType<typeof digitsSplit> | null = null;
function digitsData() {
  cached ??= digitsSplit();
  return cached;
}
