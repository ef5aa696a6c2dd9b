import '@tensorflow/tfjs-backend-cpu';
import { readdirSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { createRegistry, registry, UnknownPluginError } from '@tessera/core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deserializeLayer, serializeLayer } from './layer/serialization.js';
import { layerPlugins } from './layer-plugins.js';
import { modelPlugins } from './model/model-plugins.js';
import { Dense } from './layers/core/dense.js';
import { registerLayers } from './register-layers.js';

const dir = new URL('./__fixtures__/', import.meta.url);
const configs = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .flatMap(
    (f) =>
      JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as {
        className: string;
        config: Record<string, unknown>;
      }[],
  );

let before = 0;
beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => {
  expect(tf.memory().numTensors).toBe(before);
});

describe('registerLayers', () => {
  it('registers every kind into a scoped registry, idempotently', () => {
    const reg = createRegistry();
    registerLayers(reg);
    registerLayers(reg);
    expect(reg.list('layer')).toContain('layer:LSTM');
    expect(reg.list('layer')).toHaveLength(layerPlugins.length + modelPlugins.length);
    expect(reg.list('activation')).toContain('activation:temperedSigmoid');
    expect(reg.get('glorot_uniform', 'initializer').id).toBe('initializer:glorotUniform');
    expect(reg.list('regularizer')).toEqual(['regularizer:l1', 'regularizer:l1l2', 'regularizer:l2']);
    expect(reg.list('constraint')).toEqual([
      'constraint:maxNorm',
      'constraint:nonNeg',
      'constraint:unitNorm',
    ]);
  });

  it('covers every built-in layer with a PyTorch fixture', () => {
    const tested = new Set(configs.map((c) => `layer:${c.className}`));
    expect(layerPlugins.map((p) => p.id).filter((id) => !tested.has(id))).toEqual([]);
  });
});

describe('serialisation', () => {
  it.each(configs.map((c) => [c.className, c] as const))('%s round-trips through JSON', (_name, c) => {
    const layer = deserializeLayer({ className: c.className, config: c.config });
    const json = JSON.parse(JSON.stringify(serializeLayer(layer)));
    const copy = deserializeLayer(json);
    expect(copy.className).toBe(layer.className);
    expect(copy.getConfig()).toEqual(layer.getConfig());
    layer.dispose();
    copy.dispose();
  });

  it('recreates identical weights from a saved config (the seed is part of it)', async () => {
    const layer = new Dense({ units: 3 });
    layer.build([null, 2]);
    const copy = deserializeLayer(serializeLayer(layer));
    copy.build([null, 2]);
    expect(Array.from(await copy.weights[0]!.variable.data())).toEqual(
      Array.from(await layer.weights[0]!.variable.data()),
    );
    layer.dispose();
    copy.dispose();
  });

  it('resolves user plugins through the registry', async () => {
    registry.register({
      kind: 'activation',
      id: 'activation:cube',
      apiVersion: 1,
      create: () => (x: tf.Tensor) => tf.pow(x, 3),
    });
    try {
      const layer = new Dense({ units: 1, activation: 'cube', useBias: false, kernelInitializer: 'ones' });
      const x = tf.tensor2d([[1, 1]]);
      const y = layer.call(x);
      expect(Array.from(await (y as tf.Tensor).data())).toEqual([8]);
      tf.dispose([x, y]);
      layer.dispose();
    } finally {
      registry.unregister('activation:cube');
    }
  });

  it('names the known layers when a class is unknown', () => {
    expect(() => deserializeLayer({ className: 'Nope', config: {} })).toThrow(UnknownPluginError);
    expect(() => deserializeLayer({ className: 'Nope', config: {} })).toThrow(/layer:Dense/);
  });
});
