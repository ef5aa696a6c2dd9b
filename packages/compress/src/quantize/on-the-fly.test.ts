import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import {
  Conv2D,
  Dense,
  Flatten,
  input,
  model as functional,
  sequential,
  type SymbolicTensor,
} from '@tessera/layers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Int8Kernel } from './int8-kernel.js';
import { quantizedModelOnTheFly } from './on-the-fly.js';
import { packInt8Codes, unpackInt8Codes } from './packed-codes.js';
import { dequantizeModel, quantizeModel } from './quantize-model.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('packed int8 codes', () => {
  it('unpack on the device to exactly the codes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -128, max: 127 }), { minLength: 1, maxLength: 50 }),
        async (raw) => {
          const codes = Int8Array.from(raw);
          const packed = tf.tensor1d(packInt8Codes(codes));
          const out = unpackInt8Codes(packed, codes.length);
          expect(Array.from(await out.data())).toEqual(raw);
          tf.dispose([packed, out]);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('quantizedModelOnTheFly', () => {
  for (const [mode, granularity] of [
    ['symmetric', 'per-channel'],
    ['affine', 'per-tensor'],
  ] as const) {
    it(`computes what the dequantised-on-load model computes (${mode}, ${granularity})`, async () => {
      const before = tf.memory().numTensors;
      const x = input({ shape: [6, 6, 2] });
      const c = new Conv2D({ filters: 5, kernelSize: 3, activation: 'relu', seed: 1, name: 'conv' }).apply(
        x,
      ) as SymbolicTensor;
      const inner = sequential([new Dense({ units: 4, seed: 2, name: 'inner_dense' })], {
        inputShape: [80],
        name: 'head',
      });
      const f = new Flatten({ name: 'flat' }).apply(c) as SymbolicTensor;
      const net = functional({ inputs: x, outputs: inner.apply(f) as SymbolicTensor });
      const q = await quantizeModel(net, { mode, granularity });
      const onLoad = dequantizeModel(q);
      const onTheFly = quantizedModelOnTheFly(q);
      const kernels = onTheFly.layers.flatMap((l) => ('layers' in l ? (l as typeof inner).layers : [l]));
      expect(kernels.filter((l) => l instanceof Int8Kernel).map((l) => l.name)).toEqual([
        'conv',
        'inner_dense',
      ]);
      // Int8 kernels take a third of a float per weight; only the Int8Kernel scalars are float32.
      const floats = onTheFly.weights.reduce((n, w) => n + w.variable.size, 0);
      expect(floats).toBe(Math.ceil((3 * 3 * 2 * 5) / 3) + 5 * 3 + Math.ceil((80 * 4) / 3) + 4 * 3);
      const data = tf.randomNormal([3, 6, 6, 2], 0, 1, 'float32', 4);
      const [a, b] = [onLoad.call(data) as tf.Tensor, onTheFly.call(data) as tf.Tensor];
      const [va, vb] = [await a.data(), await b.data()];
      vb.forEach((v, i) => {
        expect(v).toBeCloseTo(va[i]!, 5);
      });
      tf.dispose([data, a, b]);
      for (const m of [net, onLoad, onTheFly]) m.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
