import { seededIntegers, seededNormal } from './seeded-init.js';
import type { TrainingData } from './training-check.js';

/**
 * Seeded 8×8 single-channel images for the seed CNN: each of `classes` classes has a random template and
 * each sample is its class's template plus noise, so the CNN has something to learn.
 */
export function imageTrainingData(count = 1024, classes = 10, seed = 5): TrainingData {
  const templates = seededNormal(classes * 64, 1, seed);
  const noise = seededNormal(count * 64, 0.5, seed + 1);
  const labels = seededIntegers(count, classes, seed + 2);
  const inputs = new Float32Array(count * 64);
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < 64; p++) inputs[i * 64 + p] = templates[labels[i]! * 64 + p]! + noise[i * 64 + p]!;
  }
  return { inputs, inputDtype: 'float32', sampleShape: [8, 8, 1], labels };
}

/** Seeded token sequences whose class is (first token + last token) mod `classes`, for the Transformer. */
export function tokenTrainingData(
  count: number,
  length: number,
  vocabulary: number,
  classes: number,
  seed = 11,
): TrainingData {
  const tokens = seededIntegers(count * length, vocabulary, seed);
  const labels = Int32Array.from(
    { length: count },
    (_, i) => (tokens[i * length]! + tokens[i * length + length - 1]!) % classes,
  );
  return { inputs: tokens, inputDtype: 'int32', sampleShape: [length], labels };
}
