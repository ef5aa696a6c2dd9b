import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { createRegistry, IOError, UnknownPluginError } from '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Layer } from '../layer/layer.js';
import { layerPlugin } from '../layer/layer-plugin.js';
import type { ForwardContext, LayerConfig, LayerInputs, Shape } from '../layer/layer-types.js';
import { Dense } from '../layers/core/dense.js';
import { BatchNormalization } from '../layers/normalization/batch-normalization.js';
import { model } from '../model/functional.js';
import { input } from '../model/input-layer.js';
import type { Model } from '../model/model.js';
import { sequential } from '../model/sequential.js';
import type { SymbolicTensor } from '../model/symbolic-tensor.js';
import { WeightsMismatchError } from './model-file-errors.js';
import { memoryStore } from './model-store.js';
import { loadModel, MODEL_JSON, saveModel, WEIGHTS_FILE } from './tessera-format.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A user layer: `x · scale` with one trainable weight per feature. */
class Scale extends Layer<tf.Tensor> {
  #scale: tf.Variable | null = null;
  constructor(config: LayerConfig = {}) {
    super('Scale', config);
  }
  computeOutputShape(shape: Shape | readonly Shape[]): Shape {
    return shape as Shape;
  }
  protected buildWeights(shape: Shape | readonly Shape[]): void {
    this.#scale = this.addWeight('scale', [(shape as Shape).at(-1)!], {
      initializer: { name: 'constant', options: { value: 1.5 } },
    });
  }
  protected forward(inputs: LayerInputs, _context: ForwardContext): tf.Tensor {
    return tf.mul(inputs as tf.Tensor, this.#scale!);
  }
  protected layerConfig(): Record<string, unknown> {
    return {};
  }
}

const values = async (ts: tf.Tensor[]) => {
  const out = await Promise.all(ts.map((t) => t.data()));
  tf.dispose(ts);
  return out.map((v) => Array.from(v));
};

function classifier(): Model {
  // No dropout: a layer's random stream continues from its call count, which is not saved (nor in Keras).
  const net = sequential(
    [
      new Dense({ units: 8, activation: 'relu', seed: 1 }),
      new BatchNormalization({ seed: 2 }),
      new Dense({ units: 3, seed: 4 }),
    ],
    { inputShape: [5], seed: 5 },
  );
  net.compile({
    optimizer: { name: 'adamw', options: { learningRate: 0.01 } },
    loss: { name: 'sparseCategoricalCrossentropy', options: { fromLogits: true } },
    metrics: ['accuracy', { name: 'f1', options: { average: 'macro' } }],
  });
  return net;
}

describe('Tessera format', () => {
  it('reloads identical predictions, compile config and optimizer state (training resumes exactly)', async () => {
    const before = tf.memory().numTensors;
    const x = tf.randomNormal([24, 5], 0, 1, 'float32', 1);
    const y = tf.randomUniform([24], 0, 3, 'int32', 2);
    const original = classifier();
    await original.fit(x, y, { epochs: 2, batchSize: 8, seed: 3 });
    const store = memoryStore();
    await saveModel(original, store);
    expect(Object.keys(store.files!).sort()).toEqual([
      'model.json',
      'model.safetensors',
      'optimizer.safetensors',
    ]);
    const copy = await loadModel(store);
    expect(await values([(await copy.predict(x)) as tf.Tensor])).toEqual(
      await values([(await original.predict(x)) as tf.Tensor]),
    );
    expect(copy.compiled!.metrics.map((m) => m.key)).toEqual(['accuracy', 'f1']);
    expect(copy.optimizer.iterations).toBe(original.optimizer.iterations);
    // Same data and shuffle seed: identical weights only if the AdamW moments and step count came back.
    await original.fit(x, y, { epochs: 1, batchSize: 8, seed: 4 });
    await copy.fit(x, y, { epochs: 1, batchSize: 8, seed: 4 });
    expect(await values(copy.getWeights())).toEqual(await values(original.getWeights()));
    tf.dispose([x, y]);
    original.dispose();
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('round-trips a registered user layer like a built-in one', async () => {
    const before = tf.memory().numTensors;
    const reg = createRegistry();
    reg.register(layerPlugin('Scale', (c) => new Scale(c)));
    const x = input({ shape: [3] });
    const net = model({
      inputs: x,
      outputs: new Dense({ units: 2, seed: 1 }).apply(
        new Scale({ name: 'scale' }).apply(x) as SymbolicTensor,
      ),
    });
    const store = memoryStore();
    await saveModel(net, store);
    await expect(loadModel(store)).rejects.toBeInstanceOf(UnknownPluginError);
    const copy = await loadModel(store, { registry: reg });
    expect(copy.getLayer('scale')).toBeInstanceOf(Scale);
    const data = tf.randomNormal([2, 3], 0, 1, 'float32', 5);
    expect(await values([(await copy.predict(data)) as tf.Tensor])).toEqual(
      await values([(await net.predict(data)) as tf.Tensor]),
    );
    tf.dispose(data);
    net.dispose();
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the file and the weight when files are corrupt or do not fit', async () => {
    const before = tf.memory().numTensors;
    const small = sequential([new Dense({ units: 2, name: 'head', seed: 1 })], { inputShape: [3] });
    const wide = sequential([new Dense({ units: 4, name: 'head', seed: 1 })], { inputShape: [3] });
    const [a, b] = [memoryStore(), memoryStore()];
    await saveModel(small, a);
    await saveModel(wide, b);
    const mixed = memoryStore({ ...a.files!, [WEIGHTS_FILE]: b.files![WEIGHTS_FILE]! });
    const mismatch = await loadModel(mixed).catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(WeightsMismatchError);
    expect(mismatch).toMatchObject({
      file: 'memory/model.safetensors',
      weight: 'head/kernel',
      code: 'E_WEIGHTS_MISMATCH',
    });
    expect((mismatch as Error).message).toMatch(/Expected shape \[3,2\], the file has \[3,4\]/);
    const truncated = memoryStore({ ...a.files!, [WEIGHTS_FILE]: a.files![WEIGHTS_FILE]!.slice(0, 20) });
    await expect(loadModel(truncated)).rejects.toThrow(IOError);
    await expect(loadModel(truncated)).rejects.toThrow(/memory\/model\.safetensors/);
    const garbled = memoryStore({
      ...a.files!,
      [MODEL_JSON]: new TextEncoder().encode('{"format": "keras"}'),
    });
    await expect(loadModel(garbled)).rejects.toThrow(/Expected a Tessera model.*memory\/model\.json/);
    small.dispose();
    wide.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
