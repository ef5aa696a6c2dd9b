import '@tensorflow/tfjs-backend-cpu';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conv2D } from '../layers/convolutional/conv2d.js';
import { Dense } from '../layers/core/dense.js';
import { Flatten } from '../layers/core/flatten.js';
import { input } from '../model/input-layer.js';
import { sequential } from '../model/sequential.js';
import { loadModel, saveModel } from '../save/tessera-format.js';
import { loadTfjsModel, saveTfjsModel } from '../save/tfjs/tfjs-format.js';
import { directoryStore } from './directory-store.js';
import { csvLogger, trainingReport } from './file-loggers.js';
import { tfjsDirectory } from './tfjs-directory.js';

let root = '';
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await mkdtemp(join(tmpdir(), 'tessera-layers-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const cnn = (seed: number) =>
  sequential(
    [
      input({ shape: [5, 5, 1] }),
      new Conv2D({ filters: 2, kernelSize: 3, activation: 'relu', seed }),
      new Flatten(),
      new Dense({ units: 3, seed: seed + 1 }),
    ],
    { seed: seed + 2 },
  );

async function flat(t: tf.Tensor | tf.Tensor[]): Promise<number[]> {
  const v = Array.from(await (t as tf.Tensor).data());
  tf.dispose(t);
  return v;
}

describe('model files on disk', () => {
  it('saves to and loads from a directory (Tessera format)', async () => {
    const before = tf.memory().numTensors;
    const net = cnn(1);
    net.compile({ optimizer: 'adam', loss: 'mse' });
    const x = tf.randomNormal([4, 5, 5, 1], 0, 1, 'float32', 1);
    const y = tf.randomNormal([4, 3], 0, 1, 'float32', 2);
    await net.fit(x, y, { epochs: 1, batchSize: 2 });
    const dir = join(root, 'tessera');
    await saveModel(net, directoryStore(dir));
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'model.safetensors', 'optimizer.safetensors']);
    const copy = await loadModel(directoryStore(dir));
    expect(await flat(await copy.predict(x))).toEqual(await flat(await net.predict(x)));
    await expect(loadModel(directoryStore(join(root, 'missing')))).rejects.toThrow(/missing/);
    tf.dispose([x, y]);
    net.dispose();
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('writes a tfjs model.json + weights.bin that tfjs-layers loads, and reads it back', async () => {
    const before = tf.memory().numTensors;
    const dir = join(root, 'tfjs');
    const net = cnn(5);
    const x = tf.randomNormal([2, 5, 5, 1], 0, 1, 'float32', 3);
    const expected = await flat(await net.predict(x));
    await saveTfjsModel(net, tfjsDirectory(dir));
    net.dispose(); // tfjs-layers refuses engine variable names already in use
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(json.format).toBe('layers-model');
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    const theirs = await tfl.loadLayersModel(tfjsDirectory(join(dir, 'model.json')));
    expect(await flat(theirs.predict(x) as tf.Tensor)).toEqual(expected.map((v) => expect.closeTo(v, 5)));
    theirs.dispose();
    const ours = await loadTfjsModel(tfjsDirectory(dir));
    expect(await flat(await ours.predict(x))).toEqual(expected);
    ours.dispose();
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('logs epochs to CSV and writes the training-curve report after each epoch', async () => {
    const net = sequential([new Dense({ units: 1, seed: 1 })], { inputShape: [2] });
    net.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mae'] });
    const [x, y] = [tf.ones([4, 2]), tf.zeros([4, 1])];
    const csv = join(root, 'logs', 'train.csv');
    const html = join(root, 'logs', 'curves.html');
    const svg = join(root, 'logs', 'curves.svg');
    const history = await net.fit(x, y, {
      epochs: 3,
      batchSize: 2,
      validationData: [x, y],
      callbacks: [csvLogger(csv), trainingReport(html), trainingReport(svg, { title: 'tiny' })],
    });
    const rows = (await readFile(csv, 'utf8')).trim().split('\n');
    expect(rows[0]).toBe('epoch,loss,mae,val_loss,val_mae');
    expect(rows[3]).toBe(
      `2,${['loss', 'mae', 'val_loss', 'val_mae'].map((k) => history.history[k]![2]).join(',')}`,
    );
    const page = await readFile(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page.match(/<tr><td>\d+<\/td>/g)).toHaveLength(3);
    const drawing = await readFile(svg, 'utf8');
    expect(drawing.match(/<polyline/g)).toHaveLength(4); // loss and mae panels, training and validation each
    expect(drawing).toContain('>tiny</text>');
    tf.dispose([x, y]);
    net.dispose();
  });
});
