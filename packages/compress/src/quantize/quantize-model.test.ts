import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { IOError } from '@tessera/core';
import { Conv2D, Dense, Flatten, MaxPooling2D, sequential } from '@tessera/layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGITS_LOSS, quadrantImages } from '../testing/toy-data.js';
import { dequantizeInt8 } from './int8.js';
import { quantizationReport } from './quantization-report.js';
import { dequantizeModel, quantizeModel } from './quantize-model.js';
import { decodeQuantizedModel, encodeQuantizedModel } from './quantized-file.js';

let data: ReturnType<typeof quadrantImages>;
beforeAll(async () => {
  await tf.setBackend('cpu');
  data = quadrantImages(256, 11);
});
afterAll(() => tf.dispose([data.x, data.y]));

const cnn = () =>
  sequential(
    [
      new Conv2D({ filters: 8, kernelSize: 3, activation: 'relu', seed: 1, name: 'conv' }),
      new MaxPooling2D({ poolSize: 2, name: 'pool' }),
      new Flatten({ name: 'flat' }),
      new Dense({ units: 32, activation: 'relu', seed: 2, name: 'hidden' }),
      new Dense({ units: 4, seed: 3, name: 'logits' }),
    ],
    { inputShape: [8, 8, 1] },
  );

describe('quantizeModel (post-training)', () => {
  it('stores kernels as int8 per channel, keeps biases float32, and round-trips through a file', async () => {
    const before = tf.memory().numTensors;
    const model = cnn();
    model.compile({ optimizer: { name: 'adam', options: { learningRate: 0.01 } }, loss: LOGITS_LOSS });
    await model.fit(data.x, data.y, { epochs: 3, batchSize: 32, seed: 2 });
    const q = await quantizeModel(model);
    const formats = Object.fromEntries(q.weights.map((w) => [w.path, w.tensor.format]));
    expect(formats).toEqual({
      'conv/kernel': 'int8',
      'conv/bias': 'float32',
      'hidden/kernel': 'int8',
      'hidden/bias': 'float32',
      'logits/kernel': 'int8',
      'logits/bias': 'float32',
    });
    const conv = q.weights[0]!.tensor;
    if (conv.format !== 'int8') throw new Error('expected int8');
    expect(conv.scales.length).toBe(8);
    // The file decodes to the same codes and scales.
    const decoded = decodeQuantizedModel(encodeQuantizedModel(q));
    const conv2 = decoded.weights[0]!.tensor;
    if (conv2.format !== 'int8') throw new Error('expected int8');
    expect(Array.from(dequantizeInt8(conv2))).toEqual(Array.from(dequantizeInt8(conv)));
    // Dequantised on load, the model's kernels hold exactly the dequantised codes.
    const restored = dequantizeModel(decoded);
    const restoredKernel = await restored.weights[0]!.variable.data();
    expect(Array.from(restoredKernel)).toEqual(Array.from(dequantizeInt8(conv)));
    const report = await quantizationReport(model, q, { x: data.x, y: data.y });
    const params = model.countParams();
    const biasCount = 8 + 32 + 4;
    expect(report.float32Bytes).toBe(params * 4);
    expect(report.quantizedBytes).toBe(params - biasCount + biasCount * 4 + (8 + 32 + 4) * 5);
    expect(report.sizeRatio).toBeLessThan(0.3);
    expect(report.fileBytes).toBeLessThan(report.float32FileBytes);
    expect(report.float32Score).toBeGreaterThan(0.9);
    expect(Math.abs(report.scoreChange)).toBeLessThanOrEqual(0.02);
    model.dispose();
    restored.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stores float16 when asked, and rejects a foreign file', async () => {
    const model = cnn();
    const q = await quantizeModel(model, { format: 'float16' });
    expect(q.weights.filter((w) => w.tensor.format === 'float16').length).toBe(3);
    expect(() => decodeQuantizedModel(new Uint8Array(16))).toThrow(IOError);
    model.dispose();
  });
});
