import '@tensorflow/tfjs-backend-cpu';
import { disposeTree, expectNoTensorLeak } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { privateMeanOfClippedSum } from '../privacy/private-mean.js';
import { ChaChaStream, deriveKey } from './prg.js';
import { dequantizeSum, quantization, quantize } from './quantize.js';
import { simulateSecureAggregation } from './secagg-simulation.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const D = 32;
const CLIP = 1;

describe('secure aggregation composed with DP-FedAvg', () => {
  it('the server adds the DP noise to the securely aggregated sum of client-clipped updates', async () => {
    await expectNoTensorLeak(async () => {
      const stream = new ChaChaStream(deriveKey('test/secagg-dp', 1));
      const ids = ['a', 'b', 'c', 'd', 'e'];
      // Clients clip their own update to C and append the unclipped bit, so the server learns only sums.
      const vectors: Record<string, Float64Array> = {};
      for (const id of ids) {
        const update = Float64Array.from(
          { length: D },
          () => (stream.uniform() - 0.5) * (id < 'c' ? 1 : 0.2),
        );
        const norm = Math.hypot(...update);
        const scale = Math.min(1, CLIP / norm);
        vectors[id] = Float64Array.from([...update.map((x) => x * scale), norm <= CLIP ? 1 : 0]);
      }
      const q = quantization({ clipRange: CLIP, maxClients: ids.length });
      const config = { threshold: 3, vectorLength: D + 1, session: deriveKey('test/secagg-dp', 'session') };
      const inputs = Object.fromEntries(ids.map((id) => [id, quantize(vectors[id]!, q)]));
      const { sum, transcript } = await simulateSecureAggregation(config, inputs, { beforeMasking: ['b'] });
      const survivors = transcript.collection.survivors as string[];
      const decoded = dequantizeSum(sum, survivors.length, q);
      const plain = Float64Array.from({ length: D + 1 }, (_, i) =>
        survivors.reduce((s, id) => s + vectors[id]![i]!, 0),
      );

      const privatise = (values: Float64Array) => {
        const clippedSum = { update: tf.tensor1d(Float32Array.from(values.subarray(0, D))) };
        const out = privateMeanOfClippedSum({
          clippedSum,
          count: survivors.length,
          unclippedCount: Math.round(values[D]!),
          expectedClients: ids.length,
          clipNorm: CLIP,
          noiseMultiplier: 1.1,
          adaptive: { targetQuantile: 0.5, learningRate: 0.2, countStddev: 1 },
          stream: new ChaChaStream(deriveKey('test/secagg-dp', 'noise')),
        });
        disposeTree(clippedSum);
        return out;
      };
      const secure = privatise(decoded);
      const reference = privatise(plain);
      expect(Math.round(decoded[D]!)).toBe(plain[D]);
      const [x, y] = [await secure.mean.update!.data(), await reference.mean.update!.data()];
      // Same noise, same sum up to quantisation: the secure result is the plain DP-FedAvg result.
      x.forEach((v, i) => {
        expect(Math.abs(v - y[i]!)).toBeLessThan(1e-6);
      });
      expect(secure.nextClipNorm).toBe(reference.nextClipNorm);
      // And the noise is there: the released mean is far from the noiseless one (sd 1.1·C/m ≈ 0.2).
      const noiseless = Array.from(plain.subarray(0, D), (v) => v / ids.length);
      const rms = Math.sqrt(Array.from(x).reduce((s, v, i) => s + (v - noiseless[i]!) ** 2, 0) / D);
      expect(rms).toBeGreaterThan(0.1);
      disposeTree(secure.mean);
      disposeTree(reference.mean);
    });
  });
});
