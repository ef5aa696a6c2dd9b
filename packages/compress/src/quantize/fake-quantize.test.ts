import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import '@tessera/core';
import { ValidationError } from '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import fixtures from '../__fixtures__/quantization.json' with { type: 'json' };
import { fakeQuantize } from './fake-quantize.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('fakeQuantize against torch.fake_quantize_per_{tensor,channel}_affine', () => {
  for (const c of fixtures.fakeQuant) {
    it(`${c.perChannel ? 'per-channel' : 'per-tensor'} [${c.quantMin}, ${c.quantMax}]`, async () => {
      const before = tf.memory().numTensors;
      const x = tf.tensor(c.x, c.shape);
      const upstream = tf.tensor(c.upstream, c.shape);
      const scale = tf.tensor1d(c.scales);
      const zeroPoint = tf.tensor1d(c.zeroPoints, 'int32');
      const options = { quantMin: c.quantMin, quantMax: c.quantMax };
      const out = fakeQuantize(x, scale, zeroPoint, options);
      const grad = tf.grad((v: tf.Tensor) =>
        tf.sum(tf.mul(fakeQuantize(v, scale, zeroPoint, options), upstream)),
      )(x);
      const [o, g] = await Promise.all([out.data(), grad.data()]);
      o.forEach((v, i) => {
        expect(v).toBeCloseTo(c.output[i]!, 6);
      });
      expect(Array.from(g)).toEqual(c.gradient.map((v) => Math.fround(v)));
      // The reference clamps some codes, so the gradient mask is exercised.
      expect(c.gradient.some((v) => v === 0)).toBe(true);
      tf.dispose([x, upstream, scale, zeroPoint, out, grad]);
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('validates its range', () => {
    const [x, scale, zeroPoint] = [tf.zeros([2]), tf.scalar(1), tf.scalar(0)];
    expect(() => fakeQuantize(x, scale, zeroPoint, { quantMin: 5, quantMax: 5 })).toThrow(ValidationError);
    expect(() => fakeQuantize(x, 1 as never, zeroPoint, { quantMin: 0, quantMax: 5 })).toThrow(
      ValidationError,
    );
    tf.dispose([x, scale, zeroPoint]);
  });
});
