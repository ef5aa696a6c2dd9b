import { createRegistry, DuplicatePluginError, registry } from '@tessera/core';
import { describe, expect, it } from 'vitest';
import type { Metric } from './metric.js';
import { metricPlugins, registerMetrics } from './register.js';

describe('registerMetrics', () => {
  it('registers nothing on import', () => {
    expect(registry.list('metric')).not.toContain('metric:accuracy');
  });

  it('registers every metric under metric:<name>, idempotently', () => {
    const reg = createRegistry();
    registerMetrics(reg);
    registerMetrics(reg);
    expect(reg.list('metric')).toEqual(metricPlugins.map((p) => p.id).sort());
    expect(reg.list('metric')).toHaveLength(27);
  });

  it.each([
    ['accuracy', 'metric:accuracy'],
    ['acc', 'metric:accuracy'],
    ['auc', 'metric:rocAuc'],
    ['AUC', 'metric:rocAuc'],
    ['f1', 'metric:f1'],
    ['f1_score', 'metric:f1'],
    ['sparse_categorical_accuracy', 'metric:sparseCategoricalAccuracy'],
    ['top_k_categorical_accuracy', 'metric:topKAccuracy'],
    ['mse', 'metric:meanSquaredError'],
    ['mae', 'metric:meanAbsoluteError'],
    ['rmse', 'metric:rootMeanSquaredError'],
    ['mcc', 'metric:matthewsCorrelation'],
    ['ppl', 'metric:perplexity'],
  ])('resolves the Keras-style name %s to %s', (alias, id) => {
    const reg = createRegistry();
    registerMetrics(reg);
    expect(reg.get(alias, 'metric').id).toBe(id);
  });

  it('creates metrics with default options when compile passes none', async () => {
    const reg = createRegistry();
    registerMetrics(reg);
    for (const p of metricPlugins) {
      const metric = reg.create<Metric<unknown, unknown>>(p.id, undefined, 'metric');
      expect(typeof metric.update).toBe('function');
      expect(JSON.parse(JSON.stringify(metric.init()))).toEqual(metric.init());
    }
    const fBeta = reg.create<Metric<unknown, number>>('fbeta', { beta: 2 }, 'metric');
    expect(fBeta.compute(await fBeta.update(fBeta.init(), [0, 1, 1, 0], [0, 1, 0, 1]))).toBe(0.5);
  });

  it('still refuses a different plugin under one of its ids', () => {
    const reg = createRegistry();
    reg.register({ kind: 'metric', id: 'metric:f1', apiVersion: 1, create: () => null });
    expect(() => registerMetrics(reg)).toThrow(DuplicatePluginError);
  });
});
