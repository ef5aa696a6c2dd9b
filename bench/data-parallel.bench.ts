// Data-parallel training throughput of model.fit(..., { workers }) (@tessera/compress's trainer) against single-worker training,
// side by side: the Fashion-MNIST seed CNN (examples/compression) on the wasm backend, one epoch over 4,096
// training images in global batches of 64. Times only the epoch (worker start-up — about a second per worker
// through tsx from sources — is excluded, as it is paid once per fit).
// `npm run bench -- data-parallel`; results in bench/results/data-parallel.{json,md}.
import { registerCompress } from '@tessera/compress';
import { initBackend } from '@tessera/core';
import type { Callback, Model } from '@tessera/layers';
import { disposeFashion, type FashionSplits, loadFashion } from '../examples/compression/src/fashion.js';
import { LOGITS_LOSS, seedCnn } from '../examples/compression/src/models.js';
import type { Benchmark } from './harness.js';

const EXAMPLES = 4096;
const BATCH = 64;
let data: FashionSplits | undefined;

function compiled(): Model {
  const model = seedCnn(1);
  model.compile({ optimizer: { name: 'adam', options: { learningRate: 1e-3 } }, loss: LOGITS_LOSS });
  return model;
}

/** A callback that measures the first epoch's wall time. */
function epochTimer(): Callback & { seconds: number } {
  let start = 0;
  const timer = {
    seconds: Number.NaN,
    onEpochBegin() {
      start = performance.now();
    },
    onEpochEnd() {
      timer.seconds = (performance.now() - start) / 1000;
    },
  };
  return timer;
}

async function parallel(workers: number, batchSize = BATCH): Promise<{ units: number; seconds: number }> {
  const model = compiled();
  const timer = epochTimer();
  await model.fit(data!.train.x, data!.train.y, {
    workers,
    workerOptions: { backend: 'wasm' },
    batchSize,
    epochs: 1,
    seed: 1,
    callbacks: [timer],
  });
  model.dispose();
  return { units: EXAMPLES, seconds: timer.seconds };
}

async function twoAtOnce(batchSize: number): Promise<{ units: number; seconds: number }> {
  const runs = await Promise.all([parallel(1, batchSize), parallel(1, batchSize)]);
  return { units: 2 * EXAMPLES, seconds: Math.max(...runs.map((r) => r.seconds)) };
}

const bench: Benchmark = {
  name: 'data-parallel',
  description: `Training throughput in images per second of the Fashion-MNIST seed CNN (examples/compression and examples/fashion-mnist, 225,034 parameters) on the wasm backend: one epoch of ${EXAMPLES} images, Adam. \`model.fit(x, y, { workers: 2 })\` against \`{ workers: 1 }\` (the same code path, so the ratio is the speed-up) and against \`model.fit\` without workers, in the main thread, at a global batch of ${BATCH} (shards of ${BATCH / 2}) and of ${2 * BATCH} (shards of ${BATCH}). Epoch time only; worker start-up excluded. The ceiling rows are two unrelated one-worker fits running at once, which share nothing but the hardware: their combined throughput bounds what two cooperating workers can reach on this machine. Compare each 2-worker row with the ceiling at its shard size (batch ${BATCH / 2} for global ${BATCH}, batch ${BATCH} for global ${2 * BATCH}), not with 2×.`,
  unit: 'images/s',
  repeats: 3,
  warmup: 1,
  async setup() {
    await initBackend('wasm');
    registerCompress();
    data = await loadFashion({ trainSize: EXAMPLES, testSize: 1 });
  },
  cases: {
    'model.fit, main thread (wasm)': async () => {
      const model = compiled();
      const timer = epochTimer();
      await model.fit(data!.train.x, data!.train.y, {
        batchSize: BATCH,
        epochs: 1,
        seed: 1,
        callbacks: [timer],
      });
      model.dispose();
      return { units: EXAMPLES, seconds: timer.seconds };
    },
    'fit { workers: 1 } (wasm)': () => parallel(1),
    'fit { workers: 2 } (wasm)': () => parallel(2),
    // The machine's own ceiling for two threads: two unrelated one-worker fits at once share nothing but the
    // hardware, so their combined throughput bounds what two cooperating workers can reach. Each 2-worker
    // step computes two shards of 32, so the fair ceiling runs the separate fits at batch 32 as well.
    'ceiling: two separate { workers: 1 } fits at once': () => twoAtOnce(BATCH),
    'ceiling at the shard size: two separate { workers: 1 } fits at batch 32': () => twoAtOnce(BATCH / 2),
    // The same pair at a global batch of 128: each worker's shard is 64, the single worker's batch above.
    'fit { workers: 1 }, global batch 128 (wasm)': () => parallel(1, 2 * BATCH),
    'fit { workers: 2 }, global batch 128 (wasm)': () => parallel(2, 2 * BATCH),
  },
  teardown() {
    if (data) disposeFashion(data);
  },
};

export default bench;
