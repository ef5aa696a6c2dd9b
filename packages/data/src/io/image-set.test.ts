import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { imageSetDataset, imageSetToTensors } from './image-set.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const set = {
  images: Uint8Array.of(0, 51, 102, 255, 10, 20, 30, 40),
  labels: Uint8Array.of(3, 7),
  shape: [2, 2, 2, 1] as [number, number, number, number],
};

describe('image sets', () => {
  it('converts to scaled float32 images and int32 labels', async () => {
    const before = tf.memory().numTensors;
    const { images, labels } = imageSetToTensors(set);
    expect(images.shape).toEqual([2, 2, 2, 1]);
    expect(Array.from(await images.data()).slice(0, 4)).toEqual([0, 0.2, 0.4, 1].map((v) => Math.fround(v)));
    expect(labels.dtype).toBe('int32');
    tf.dispose([images, labels]);
    expect(() => imageSetToTensors({ ...set, labels: Uint8Array.of(1) })).toThrow(/2 labels/);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('iterates { image, label } and frees its tensors on dispose', async () => {
    const before = tf.memory().numTensors;
    const ds = imageSetDataset(set, { scale: false });
    const labels: number[] = [];
    for await (const { image, label } of ds) {
      expect(image.shape).toEqual([2, 2, 1]);
      labels.push((await label.data())[0] as number);
    }
    expect(labels).toEqual([3, 7]);
    ds.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
