import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { Conv2D, Dense, Flatten, LayerNormalization, MaxPooling2D, sequential } from '@tessera/layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dequantizeModel, quantizeModel } from '../quantize/quantize-model.js';
import { LOGITS_LOSS, quadrantImages } from '../testing/toy-data.js';
import { quantizeAware, stripQuantizeWrappers } from './quantize-aware.js';
import { QuantizeWrapper } from './quantize-wrapper.js';

let data: ReturnType<typeof quadrantImages>;
beforeAll(async () => {
  await tf.setBackend('cpu');
  data = quadrantImages(192, 5);
});
afterAll(() => tf.dispose([data.x, data.y]));

const cnn = () =>
  sequential(
    [
      new Conv2D({ filters: 6, kernelSize: 3, activation: 'relu', seed: 4, name: 'conv' }),
      new MaxPooling2D({ poolSize: 2, name: 'pool' }),
      new Flatten({ name: 'flat' }),
      new Dense({ units: 4, seed: 5, name: 'logits' }),
    ],
    { inputShape: [8, 8, 1] },
  );

async function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): Promise<number> {
  const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))));
  const v = (await d.data())[0]!;
  d.dispose();
  return v;
}

describe('quantizeAware', () => {
  it('trains through fake-quantised kernels that match int8 per-channel storage exactly', async () => {
    const before = tf.memory().numTensors;
    const base = cnn();
    const qat = quantizeAware(base, { quantizeOutputs: false });
    expect(qat.layers.every((l) => l instanceof QuantizeWrapper)).toBe(true);
    qat.compile({
      optimizer: { name: 'adam', options: { learningRate: 0.01 } },
      loss: LOGITS_LOSS,
      metrics: ['accuracy'],
    });
    const history = await qat.fit(data.x, data.y, { epochs: 3, batchSize: 32, seed: 3 });
    const acc = history.history.accuracy!;
    expect(acc.at(-1)!).toBeGreaterThan(0.9);
    const plain = stripQuantizeWrappers(qat);
    const int8 = dequantizeModel(await quantizeModel(plain));
    const [fq, deq, float] = [qat.call(data.x), int8.call(data.x), plain.call(data.x)] as tf.Tensor[];
    // The wrapped forward pass is the int8 model's, to float32 rounding...
    expect(await maxAbsDiff(fq!, deq!)).toBeLessThan(1e-5);
    // ...and differs from the float model's.
    expect(await maxAbsDiff(fq!, float!)).toBeGreaterThan(1e-4);
    tf.dispose([fq!, deq!, float!]);
    for (const m of [base, qat, plain, int8]) m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('tracks output ranges with a moving average in training only', async () => {
    const before = tf.memory().numTensors;
    const base = cnn();
    const qat = quantizeAware(base);
    const conv = qat.layers[0] as QuantizeWrapper;
    const range = () =>
      Promise.all(conv.weights.filter((w) => w.name.startsWith('output_')).map((w) => w.variable.data()));
    const out = qat.call(data.x) as tf.Tensor;
    out.dispose();
    expect((await range()).map((r) => r[0])).toEqual([0, 0, 0]);
    // The conv layer's output with int8 kernels: what the wrapper sees before quantising its output.
    const int8 = dequantizeModel(await quantizeModel(base));
    const extremes = async (x: tf.Tensor) => {
      const y = tf.tidy(() => {
        const out = int8.layers[0]!.call(x) as tf.Tensor;
        return tf.stack([tf.min(out), tf.max(out)]);
      });
      const [min, max] = await y.data();
      y.dispose();
      return [min!, max!] as const;
    };
    const first = qat.call(data.x, { training: true }) as tf.Tensor;
    const [min1, max1] = await extremes(data.x);
    let [lo, hi, set] = (await range()).map((r) => r[0]!);
    expect([lo, hi, set]).toEqual([Math.fround(min1), Math.fround(max1), 1]);
    const half = data.x.slice(0, 96);
    const second = qat.call(half, { training: true }) as tf.Tensor;
    const [min2, max2] = await extremes(half);
    [lo, hi] = (await range()).map((r) => r[0]!);
    expect(lo).toBeCloseTo(0.99 * min1 + 0.01 * min2, 6);
    expect(hi).toBeCloseTo(0.99 * max1 + 0.01 * max2, 6);
    tf.dispose([first, second, half]);
    int8.dispose();
    base.dispose();
    qat.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses layers whose weights it cannot quantise', () => {
    const model = sequential([new Dense({ units: 3 }), new LayerNormalization()], { inputShape: [4] });
    expect(() => quantizeAware(model)).toThrow(ValidationError);
    model.dispose();
  });
});
