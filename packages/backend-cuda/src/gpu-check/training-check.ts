import * as tf from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../backend/cuda-backend.js';
import { type CheckModel, sgdStep } from './models.js';

/** Losses per step on one backend, and memory at the end of each epoch. */
export interface TrainingTrace {
  readonly backend: string;
  readonly losses: number[];
  readonly tensorsAfterEpoch: number[];
  readonly deviceBytesAfterEpoch: number[];
  readonly seconds: number;
}

/** The data of a training check: batches of inputs and integer labels, as host arrays. */
export interface TrainingData {
  readonly inputs: Float32Array | Int32Array;
  readonly inputDtype: 'float32' | 'int32';
  readonly sampleShape: readonly number[];
  readonly labels: Int32Array;
}

/** Trains a freshly built model for `epochs` on `backend`, recording every step's loss (read asynchronously). */
export async function trainOn(
  backend: string,
  build: () => CheckModel,
  data: TrainingData,
  options: { epochs: number; batch: number; learningRate: number },
): Promise<TrainingTrace> {
  await tf.setBackend(backend);
  const model = build();
  const sample = data.sampleShape.reduce((a, b) => a * b, 1);
  const count = data.labels.length;
  const losses: number[] = [];
  const tensorsAfterEpoch: number[] = [];
  const deviceBytesAfterEpoch: number[] = [];
  const started = performance.now();
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let start = 0; start + options.batch <= count; start += options.batch) {
      const x = tf.tensor(
        data.inputs.subarray(start * sample, (start + options.batch) * sample),
        [options.batch, ...data.sampleShape],
        data.inputDtype,
      );
      const y = tf.tensor1d(data.labels.subarray(start, start + options.batch), 'int32');
      const loss = sgdStep(model, x, y, options.learningRate);
      losses.push((await loss.data())[0]!);
      tf.dispose([x, y, loss]);
    }
    tensorsAfterEpoch.push(tf.memory().numTensors);
    const instance = tf.backend() as Partial<CudaBackend>;
    deviceBytesAfterEpoch.push(backend === 'cuda' ? (instance.memory?.().numBytesInGPU ?? -1) : 0);
  }
  const seconds = (performance.now() - started) / 1000;
  model.dispose();
  return { backend, losses, tensorsAfterEpoch, deviceBytesAfterEpoch, seconds };
}

/**
 * Compares a cuda trace with the cpu one: every step's loss within `rtol` relative, and no tensor or
 * device-memory growth between the first and last epoch.
 * @returns problems found (empty when the check passes)
 */
export function compareTraces(cpu: TrainingTrace, cuda: TrainingTrace, rtol = 1e-3): string[] {
  const problems: string[] = [];
  cpu.losses.forEach((expected, i) => {
    const actual = cuda.losses[i]!;
    if (!(Math.abs(actual - expected) <= rtol * Math.abs(expected))) {
      problems.push(
        `step ${i}: cuda loss ${actual} vs cpu ${expected} (relative ${Math.abs(actual - expected) / Math.abs(expected)})`,
      );
    }
  });
  const first = (xs: number[]) => xs[0]!;
  const last = (xs: number[]) => xs[xs.length - 1]!;
  if (last(cuda.tensorsAfterEpoch) !== first(cuda.tensorsAfterEpoch)) {
    problems.push(`tensors leak across epochs: ${cuda.tensorsAfterEpoch.join(' → ')}`);
  }
  if (last(cuda.deviceBytesAfterEpoch) !== first(cuda.deviceBytesAfterEpoch)) {
    problems.push(`device memory grows across epochs: ${cuda.deviceBytesAfterEpoch.join(' → ')} bytes`);
  }
  return problems;
}
