import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { createRegistry, ShapeError, TesseraError, ValidationError } from '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { f1Score, fBetaScore } from './classification/precision-recall-metrics.js';
import { rocAuc } from './classification/roc-auc.js';
import type { Metric, NestedNumbers } from './metric.js';
import { registerMetrics } from './register.js';
import { meanSquaredError, meanSquaredLogError } from './regression/regression-metrics.js';
import { CATALOGUE, NUM_CLASSES, validBatch } from './test-support/metric-catalogue.js';

const registry = createRegistry();
registerMetrics(registry);

async function failure(run: () => Promise<unknown> | unknown): Promise<TesseraError> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(TesseraError);
    return e as TesseraError;
  }
  throw new Error('expected an error');
}

function corruptFirst(values: NestedNumbers[], replacement: number): NestedNumbers[] {
  const copy = structuredClone(values) as NestedNumbers[];
  let node: NestedNumbers[] = copy;
  while (Array.isArray(node[0])) node = node[0] as NestedNumbers[];
  node[0] = replacement;
  return copy;
}

const entries = CATALOGUE.map((e) => ({ ...e, label: `${e.id} ${JSON.stringify(e.options)}` }));

describe('bad input gives typed errors naming the metric', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(entries)('$label: NaN and infinite predictions', async (entry) => {
    const metric = registry.create<Metric<unknown, unknown>>(entry.id, entry.options, 'metric');
    const { targets, predictions } = validBatch(entry.kind);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const error = await failure(() =>
        metric.update(metric.init(), targets, corruptFirst(predictions, bad)),
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.where).toBe(`${metric.name}.update(predictions)`);
      expect(error.message).toContain(String(bad));
    }
  });

  it.each(entries)('$label: targets and predictions of different lengths', async (entry) => {
    const metric = registry.create<Metric<unknown, unknown>>(entry.id, entry.options, 'metric');
    const { targets, predictions } = validBatch(entry.kind);
    const error = await failure(() => metric.update(metric.init(), targets.slice(1), predictions));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.where).toBe(`${metric.name}.update(targets)`);
  });

  it.each(entries)('$label: negative or misshapen sample weights', async (entry) => {
    const metric = registry.create<Metric<unknown, unknown>>(entry.id, entry.options, 'metric');
    const { targets, predictions } = validBatch(entry.kind);
    const weights = targets.map(() => 1);
    const negative = await failure(() =>
      metric.update(metric.init(), targets, predictions, corruptFirst(weights, -1)),
    );
    expect(negative.where).toBe(`${metric.name}.update(sampleWeight)`);
    if (entry.options.multiClass === 'ovo') return; // rejects any weights (checked below)
    expect(negative).toBeInstanceOf(ValidationError);
    const short = await failure(() => metric.update(metric.init(), targets, predictions, weights.slice(1)));
    expect(short).toBeInstanceOf(ShapeError);
  });

  it.each(entries.filter((e) => e.kind !== 'regression' && e.kind !== 'onehot'))(
    '$label: labels out of range',
    async (entry) => {
      const metric = registry.create<Metric<unknown, unknown>>(entry.id, entry.options, 'metric');
      const { targets, predictions } = validBatch(entry.kind);
      const outOfRange = entry.kind === 'binary' ? 2 : entry.kind === 'multiclass' ? NUM_CLASSES : 5;
      for (const bad of [outOfRange, -1, 0.5]) {
        const error = await failure(() =>
          metric.update(metric.init(), corruptFirst(targets, bad), predictions),
        );
        expect(error).toBeInstanceOf(ValidationError);
        expect(error.where).toBe(`${metric.name}.update(targets)`);
      }
    },
  );

  it('rejects inputs that are not numeric arrays, ragged arrays and disposed tensors', async () => {
    const metric = meanSquaredError();
    expect(await failure(() => metric.update(metric.init(), 'abc' as never, [1]))).toBeInstanceOf(
      ValidationError,
    );
    expect(
      await failure(() =>
        metric.update(
          metric.init(),
          [[1, 2], [3]],
          [
            [1, 2],
            [3, 4],
          ],
        ),
      ),
    ).toBeInstanceOf(ShapeError);
    const before = tf.memory().numTensors;
    const t = tf.tensor1d([1, 2]);
    t.dispose();
    const disposed = await failure(() => metric.update(metric.init(), t, [1, 2]));
    expect(disposed).toBeInstanceOf(ValidationError);
    expect(disposed.where).toBe('meanSquaredError.update(targets)');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects invalid options where the metric is created', async () => {
    expect((await failure(() => f1Score({ average: 'samples' as never }))).where).toBe('f1({ average })');
    expect((await failure(() => f1Score({ zeroDivision: 0.5 as never }))).where).toBe('f1({ zeroDivision })');
    expect((await failure(() => f1Score({ numClasses: 3 }))).message).toContain(
      "average 'binary' needs two classes",
    );
    expect((await failure(() => fBetaScore({ beta: -1 }))).where).toBe('fBeta({ beta })');
    expect((await failure(() => rocAuc({ numThresholds: 1 }))).where).toBe('rocAuc({ numThresholds })');
    expect((await failure(() => meanSquaredError({ multioutput: 'varianceWeighted' as never }))).where).toBe(
      'meanSquaredError({ multioutput })',
    );
    expect((await failure(() => registry.create('f1', { numClasses: 1 }, 'metric'))).where).toBe(
      'f1({ numClasses })',
    );
  });

  it('rejects binary averaging of multiclass data, naming the metric', async () => {
    const f1 = f1Score();
    const error = await failure(() => f1.update(f1.init(), [0, 1, 2], [0, 2, 2]));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain("average 'micro', 'macro' or 'weighted'");
    expect(error.where).toBe('f1.update(targets)');
  });

  it('rejects score widths that disagree with numClasses or earlier batches', async () => {
    const f1 = f1Score({ average: 'macro', numClasses: 4 });
    expect(
      await failure(() =>
        f1.update(
          f1.init(),
          [0, 1],
          [
            [0.5, 0.2, 0.3],
            [0.1, 0.8, 0.1],
          ],
        ),
      ),
    ).toBeInstanceOf(ShapeError);
    const auc = rocAuc();
    const state = await auc.update(auc.init(), [0, 1], [0.2, 0.7]);
    const error = await failure(() =>
      auc.update(
        state,
        [0, 2],
        [
          [0.5, 0.2, 0.3],
          [0.1, 0.1, 0.8],
        ],
      ),
    );
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.where).toBe('rocAuc.update(predictions)');
  });

  it('rejects multiclass ROC scores that are not probabilities, and weights with one-vs-one', async () => {
    const auc = rocAuc();
    const notProbabilities = await failure(() =>
      auc.update(
        auc.init(),
        [0, 2],
        [
          [2, 1, 0],
          [0, 1, 3],
        ],
      ),
    );
    expect(notProbabilities).toBeInstanceOf(ValidationError);
    expect(notProbabilities.where).toBe('rocAuc.update(predictions)');
    const ovo = rocAuc({ multiClass: 'ovo' });
    const weighted = await failure(() =>
      ovo.update(
        ovo.init(),
        [0, 2],
        [
          [0.5, 0.2, 0.3],
          [0.1, 0.1, 0.8],
        ],
        [1, 2],
      ),
    );
    expect(weighted).toBeInstanceOf(ValidationError);
    expect(weighted.where).toBe('rocAuc.update(sampleWeight)');
  });

  it('rejects negative values for the logarithmic error', async () => {
    const msle = meanSquaredLogError();
    const error = await failure(() => msle.update(msle.init(), [1, 2], [1, -0.5]));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.where).toBe('meanSquaredLogError.update(predictions)');
  });

  it('refuses to merge incompatible states', async () => {
    const auc = rocAuc();
    const binary = await auc.update(auc.init(), [0, 1], [0.2, 0.7]);
    const multi = await auc.update(
      auc.init(),
      [0, 2],
      [
        [0.5, 0.2, 0.3],
        [0.1, 0.1, 0.8],
      ],
    );
    expect(await failure(() => auc.merge(binary, multi))).toBeInstanceOf(ShapeError);
    const coarse = rocAuc({ mode: 'binned', numThresholds: 10 });
    const fine = rocAuc({ mode: 'binned', numThresholds: 20 });
    const a = await coarse.update(coarse.init(), [0, 1], [0.2, 0.7]);
    const b = await fine.update(fine.init(), [0, 1], [0.2, 0.7]);
    expect(await failure(() => coarse.merge(a, b))).toBeInstanceOf(ShapeError);
    const mse = meanSquaredError();
    const one = await mse.update(mse.init(), [1, 2], [1, 2]);
    const two = await mse.update(mse.init(), [[1, 2]], [[1, 2]]);
    expect((await failure(() => mse.merge(one, two))).where).toBe('meanSquaredError.merge');
  });
});
