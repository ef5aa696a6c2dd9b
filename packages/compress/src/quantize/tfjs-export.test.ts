import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { Conv2D, Dense, Flatten, modelFromTfjsArtifacts, sequential } from '@tessera/layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { quantizedTfjsArtifacts } from './tfjs-export.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('quantizedTfjsArtifacts', () => {
  for (const quantization of ['uint8', 'uint16', 'float16'] as const) {
    it(`is loaded by @tensorflow/tfjs-layers loadLayersModel (${quantization})`, async () => {
      const model = sequential(
        [
          new Conv2D({ filters: 4, kernelSize: 3, activation: 'relu', seed: 1 }),
          new Flatten(),
          new Dense({ units: 3, seed: 2, biasInitializer: { name: 'constant', options: { value: 0.1 } } }),
        ],
        { inputShape: [5, 5, 1] },
      );
      const artifacts = await quantizedTfjsArtifacts(model, { quantization });
      const bytes = { uint8: 1, uint16: 2, float16: 2 }[quantization];
      const kernelSizes = 3 * 3 * 4 + 36 * 3;
      expect((artifacts.weightData as ArrayBuffer).byteLength).toBe(kernelSizes * bytes + (4 + 3) * 4);
      const before = tf.memory().numTensors;
      const loaded = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
      const x = tf.randomNormal([2, 5, 5, 1], 0, 1, 'float32', 3);
      const theirs = loaded.predict(x) as tf.Tensor;
      const ours = model.call(x) as tf.Tensor;
      const tolerance = quantization === 'uint8' ? 0.05 : 2e-3;
      const [a, b] = [await theirs.data(), await ours.data()];
      a.forEach((v, i) => {
        expect(Math.abs(v - b[i]!)).toBeLessThan(tolerance);
      });
      // The loaded kernel holds the dequantised values: a uint8 kernel has at most 256 distinct values.
      const kernel = await loaded.layers[0]!.getWeights()[0]!.data();
      if (quantization === 'uint8') expect(new Set(kernel).size).toBeLessThanOrEqual(256);
      // Our own tfjs loader reads it too.
      const again = await modelFromTfjsArtifacts(artifacts);
      const mine = again.call(x) as tf.Tensor;
      const c = await mine.data();
      c.forEach((v, i) => {
        expect(v).toBeCloseTo(a[i]!, 5);
      });
      tf.dispose([x, theirs, ours, mine]);
      loaded.dispose();
      again.dispose();
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    });
  }
});
