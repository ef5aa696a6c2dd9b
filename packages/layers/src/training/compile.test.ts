import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { UnknownPluginError, ValidationError } from '@tessera/core';
import { evaluateMetric } from '@tessera/metrics';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileModel } from './compile.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('compileModel', () => {
  it("resolves 'accuracy' from the loss as Keras does", async () => {
    const binary = compileModel(['out'], {
      optimizer: 'sgd',
      loss: 'binary_crossentropy',
      metrics: ['accuracy'],
    });
    const sparse = compileModel(['out'], {
      optimizer: 'sgd',
      loss: 'sparseCategoricalCrossentropy',
      metrics: ['acc'],
    });
    expect(binary.metrics.map((m) => m.key)).toEqual(['accuracy']);
    expect(sparse.metrics.map((m) => m.key)).toEqual(['acc']);
    // Multi-label sigmoid outputs: binary accuracy counts every element (5 of 6 right), plain accuracy would not.
    const targets = [
      [1, 0, 1],
      [0, 1, 1],
    ];
    const scores = [
      [0.9, 0.2, 0.7],
      [0.1, 0.4, 0.8],
    ];
    expect(await evaluateMetric(binary.metrics[0]!.metric, targets, scores)).toBeCloseTo(5 / 6, 10);
    expect(
      await evaluateMetric(
        sparse.metrics[0]!.metric,
        [2, 0],
        [
          [0.1, 0.2, 0.7],
          [0.3, 0.6, 0.1],
        ],
      ),
    ).toBe(0.5);
    binary.optimizer.dispose();
    sparse.optimizer.dispose();
  });

  it('names metrics and losses per output and records a JSON config', () => {
    const compiled = compileModel(['price', 'kind'], {
      optimizer: { name: 'adam', options: { learningRate: 0.01 } },
      loss: ['mse', { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } }],
      metrics: { kind: ['accuracy'], price: ['mae'] },
      lossWeights: [1, 0.5],
    });
    expect(compiled.metrics.map((m) => m.key)).toEqual(['price_mae', 'kind_accuracy']);
    expect(compiled.config).toEqual({
      optimizer: { name: 'adam', options: { learningRate: 0.01 } },
      loss: ['mse', { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } }],
      metrics: [['mae'], ['accuracy']],
      lossWeights: [1, 0.5],
    });
  });

  it('rejects missing, mismatched and unknown options with typed errors', () => {
    expect(() => compileModel(['a', 'b'], { optimizer: 'sgd', loss: ['mse'] })).toThrow(ValidationError);
    expect(() => compileModel(['a'], { optimizer: 'sgd' })).toThrow(/Expected a loss/);
    expect(() => compileModel(['a'], { optimizer: 'sgd', loss: 'nope' })).toThrow(UnknownPluginError);
    expect(() => compileModel(['a'], { optimizer: 'nope', loss: 'mse' })).toThrow(UnknownPluginError);
    expect(() => compileModel(['a'], { optimizer: 'sgd', loss: 'mse', metrics: { b: ['mae'] } })).toThrow(
      /output names/,
    );
    expect(() => compileModel(['a'], { optimizer: 'sgd', loss: 'mse', metrics: ['mae', 'mae'] })).toThrow(
      /Two metrics log under "mae"/,
    );
  });
});
