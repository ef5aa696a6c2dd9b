// Training throughput of `fit` in samples/s, side by side in one run: @tessera/layers and @tensorflow/tfjs-layers
// on the same tfjs backends (cpu and wasm, with Tessera's kernel completion active for both), and PyTorch on
// the CPU in a child process. Models: the MLP 784-128-10 and the seed CNN, Adam, batch 64, one epoch
// on random 28×28 data (no shuffling, no metrics). `npm run bench -- layers-fit`; results in bench/results/.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '@tessera/core';
import { Conv2D, Dense, Flatten, input, MaxPooling2D, type Model, sequential } from '@tessera/layers';
import type { Benchmark, CaseResult } from './harness.js';

const BATCH = 64;
const SAMPLES = { mlp: 1024, cnn: 128 } as const;
type Kind = keyof typeof SAMPLES;
type Backend = 'cpu' | 'wasm';
const here = dirname(fileURLToPath(import.meta.url));

async function use(backend: Backend): Promise<void> {
  if (backend === 'wasm') await initBackend('wasm', { fallback: false });
  else await tf.setBackend('cpu');
}

function tesseraModel(kind: Kind): Model {
  const layers =
    kind === 'mlp'
      ? [
          input({ shape: [28, 28, 1] }),
          new Flatten(),
          new Dense({ units: 128, activation: 'relu', seed: 1 }),
          new Dense({ units: 10, seed: 2 }),
        ]
      : [
          input({ shape: [28, 28, 1] }),
          new Conv2D({ filters: 32, kernelSize: 3, activation: 'relu', seed: 1 }),
          new MaxPooling2D({ poolSize: 2 }),
          new Conv2D({ filters: 64, kernelSize: 3, activation: 'relu', seed: 2 }),
          new MaxPooling2D({ poolSize: 2 }),
          new Flatten(),
          new Dense({ units: 128, activation: 'relu', seed: 3 }),
          new Dense({ units: 10, seed: 4 }),
        ];
  const net = sequential(layers);
  net.compile({
    optimizer: { name: 'adam', options: { learningRate: 1e-3 } },
    loss: { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } },
  });
  return net;
}

function tfjsModel(kind: Kind): tfl.LayersModel {
  const layers =
    kind === 'mlp'
      ? [
          tfl.layers.flatten({ inputShape: [28, 28, 1] }),
          tfl.layers.dense({ units: 128, activation: 'relu' }),
          tfl.layers.dense({ units: 10, activation: 'softmax' }),
        ]
      : [
          tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 32, kernelSize: 3, activation: 'relu' }),
          tfl.layers.maxPooling2d({ poolSize: 2 }),
          tfl.layers.conv2d({ filters: 64, kernelSize: 3, activation: 'relu' }),
          tfl.layers.maxPooling2d({ poolSize: 2 }),
          tfl.layers.flatten(),
          tfl.layers.dense({ units: 128, activation: 'relu' }),
          tfl.layers.dense({ units: 10, activation: 'softmax' }),
        ];
  const net = tfl.sequential({ layers });
  net.compile({ optimizer: tf.train.adam(1e-3), loss: 'sparseCategoricalCrossentropy' });
  return net;
}

interface Prepared {
  fit(): Promise<unknown>;
  dispose(): void;
}
const prepared = new Map<string, Prepared>();

/** Builds the model and data once per case (not timed), then times one epoch of fit. */
function fitCase(library: 'tessera' | 'tfjs', kind: Kind, backend: Backend): () => Promise<CaseResult> {
  return async () => {
    await use(backend);
    const key = `${library}/${kind}/${backend}`;
    let p = prepared.get(key);
    if (!p) {
      const n = SAMPLES[kind];
      const x = tf.randomUniform([n, 28, 28, 1], 0, 1, 'float32', 1);
      const labels = tf.randomUniform([n], 0, 10, 'int32', 2);
      if (library === 'tessera') {
        const net = tesseraModel(kind);
        p = {
          fit: () => net.fit(x, labels, { batchSize: BATCH, epochs: 1, shuffle: false }),
          dispose: () => {
            net.dispose();
            tf.dispose([x, labels]);
          },
        };
      } else {
        const net = tfjsModel(kind);
        const y = tf.cast(labels, 'float32');
        p = {
          fit: () => net.fit(x, y, { batchSize: BATCH, epochs: 1, shuffle: false, verbose: 0 }),
          dispose: () => {
            net.dispose();
            tf.dispose([x, labels, y]);
          },
        };
      }
      prepared.set(key, p);
    }
    const t0 = performance.now();
    await p.fit();
    return { units: SAMPLES[kind], seconds: (performance.now() - t0) / 1000 };
  };
}

function pytorchCase(kind: Kind, threads: number): () => CaseResult {
  return () => {
    const out = execFileSync(
      '/usr/bin/python3',
      [join(here, 'layers', 'pytorch_fit.py'), kind, String(SAMPLES[kind]), String(BATCH), String(threads)],
      { encoding: 'utf8' },
    );
    return JSON.parse(out.trim().split('\n').at(-1)!) as { units: number; seconds: number };
  };
}

const cases: Benchmark['cases'] = {};
for (const kind of ['mlp', 'cnn'] as const) {
  const label = kind === 'mlp' ? 'MLP 784-128-10' : 'seed CNN';
  for (const backend of ['wasm', 'cpu'] as const) {
    cases[`${label} · @tessera/layers · ${backend}`] = fitCase('tessera', kind, backend);
    cases[`${label} · @tensorflow/tfjs-layers · ${backend}`] = fitCase('tfjs', kind, backend);
  }
  cases[`${label} · PyTorch CPU · 1 thread`] = pytorchCase(kind, 1);
  cases[`${label} · PyTorch CPU · all threads`] = pytorchCase(kind, 0);
}

const bench: Benchmark = {
  name: 'layers-fit',
  description: `Training throughput of \`fit\` (samples/s; higher is better): one epoch, batch ${BATCH}, Adam 1e-3, on random 28×28×1 inputs (${SAMPLES.mlp} samples for the MLP 784-128-10, ${SAMPLES.cnn} for the seed CNN Conv 32 → MaxPool → Conv 64 → MaxPool → Flatten → Dense 128 → Dense 10). @tessera/layers and @tensorflow/tfjs-layers 4.22 run on the same tfjs-core backends in the same process (wasm is single-threaded in Node; Tessera's kernel completion and corrections are active for both libraries); PyTorch runs on the CPU in a child process with 1 thread and with all threads, timing one epoch after a warm-up epoch. Model building and data creation are not timed.`,
  unit: 'samples/s',
  repeats: 3,
  warmup: 1,
  teardown() {
    for (const p of prepared.values()) p.dispose();
  },
  cases,
};

export default bench;
