// Update throughput of @tessera/metrics over 1M predictions, fed in batches as a training loop would.
// `npm run bench -- metrics-update`; results in bench/results/metrics-update.{json,md}.
import { accuracy, f1Score, type Metric, rocAuc } from '@tessera/metrics';
import type { Benchmark } from './harness.js';

const TOTAL = 1_000_000;
const BATCH = 10_000;
const CLASSES = 10;

// Deterministic data (mulberry32), generated once in setup.
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let binaryTargets = new Int32Array(0);
let binaryScores = new Float32Array(0);
let classTargets = new Int32Array(0);
let classPredictions = new Int32Array(0);

async function fold<S, R>(
  metric: Metric<S, R>,
  targets: Int32Array,
  predictions: Int32Array | Float32Array,
): Promise<number> {
  let state = metric.init();
  for (let start = 0; start < TOTAL; start += BATCH) {
    state = await metric.update(
      state,
      targets.subarray(start, start + BATCH),
      predictions.subarray(start, start + BATCH),
    );
  }
  metric.compute(state);
  return TOTAL;
}

const bench: Benchmark = {
  name: 'metrics-update',
  description: `Folding ${TOTAL.toLocaleString('en')} predictions into a metric state in batches of ${BATCH.toLocaleString('en')} (typed arrays), then one compute. Binary: 0/1 targets with float32 probabilities; F1: ${CLASSES}-class integer labels. Exact AUC keeps every score and sorts them in compute; binned AUC keeps a 2 × 199 histogram.`,
  unit: 'predictions/s',
  repeats: 5,
  setup() {
    const next = random(42);
    binaryTargets = Int32Array.from({ length: TOTAL }, () => (next() < 0.3 ? 1 : 0));
    binaryScores = Float32Array.from(binaryTargets, (y) => Math.min(1, 0.25 * y + 0.75 * next()));
    classTargets = Int32Array.from({ length: TOTAL }, () => Math.floor(next() * CLASSES));
    classPredictions = Int32Array.from(classTargets, (y) =>
      next() < 0.7 ? y : Math.floor(next() * CLASSES),
    );
  },
  cases: {
    'accuracy (binary probabilities)': () => fold(accuracy(), binaryTargets, binaryScores),
    'f1 (macro, 10 classes)': () =>
      fold(f1Score({ average: 'macro', numClasses: CLASSES }), classTargets, classPredictions),
    'ROC AUC exact (update + compute)': () => fold(rocAuc(), binaryTargets, binaryScores),
    'ROC AUC binned, 200 thresholds': () => fold(rocAuc({ mode: 'binned' }), binaryTargets, binaryScores),
  },
};

export default bench;
