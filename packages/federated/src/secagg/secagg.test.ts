import { describe, expect, it } from 'vitest';
import { advertiseKeys, maskInput, shareKeys, unmaskingResponse } from './client-rounds.js';
import { expandMask, reconstructSecret } from './crypto-primitives.js';
import { ChaChaStream, deriveKey } from './prg.js';
import type { SecAggConfig } from './protocol-types.js';
import { addInto, dequantizeSum, quantization, quantize } from './quantize.js';
import { SecureAggregationError } from './secagg-errors.js';
import { simulateSecureAggregation } from './secagg-simulation.js';
import { collectAdvertisedKeys, collectMaskedInputs, routeShares } from './server-rounds.js';

const D = 64;
const config = (threshold: number): SecAggConfig => ({
  threshold,
  vectorLength: D,
  session: deriveKey('test/secagg', threshold),
});
const q = quantization({ clipRange: 1, maxClients: 8 });

function realInputs(ids: string[], seed: number, scale = 1): Record<string, Float64Array> {
  const stream = new ChaChaStream(deriveKey('test/secagg-inputs', seed));
  return Object.fromEntries(
    ids.map((id) => [id, Float64Array.from({ length: D }, () => scale * (2 * stream.uniform() - 1))]),
  );
}
const encode = (real: Record<string, Float64Array>) =>
  Object.fromEntries(Object.entries(real).map(([id, x]) => [id, quantize(x, q)]));
const ids = (n: number) => Array.from({ length: n }, (_, i) => `client-${i}`);

function expectPlainSum(sum: Uint32Array, real: Record<string, Float64Array>, contributors: string[]): void {
  const decoded = dequantizeSum(sum, contributors.length, q);
  for (let i = 0; i < D; i++) {
    const plain = contributors.reduce((s, id) => s + real[id]![i]!, 0);
    // Each input rounds by at most 1/(2·scale).
    expect(Math.abs(decoded[i]! - plain)).toBeLessThanOrEqual(contributors.length / (2 * q.scale) + 1e-12);
  }
}

describe('fixed-point quantisation', () => {
  it('encodes round(x·scale) in two’s complement and decodes sums exactly', () => {
    const small = quantization({ clipRange: 2, maxClients: 1 });
    expect(small.scale).toBeCloseTo((2 ** 31 - 1.5) / 2, 6);
    const s = quantization({ clipRange: 1, maxClients: 3 });
    const a = quantize([0.5, -0.25, 1], s);
    expect(a[1]).toBe((Math.round(-0.25 * s.scale) + 2 ** 32) % 2 ** 32);
    const sum = addInto(addInto(Uint32Array.from(a), quantize([0.5, -0.75, 1], s)), quantize([-1, 0, 1], s));
    const decoded = dequantizeSum(sum, 3, s);
    [0, -1, 3].forEach((v, i) => {
      expect(decoded[i]).toBeCloseTo(v, 8);
    });
  });

  it('guards the ring: out-of-range values and too many summands throw', () => {
    expect(() => quantize([1.01], q)).toThrow(SecureAggregationError);
    expect(() => quantize([Number.NaN], q)).toThrow(/received NaN/);
    expect(Array.from(quantize([1 + 1e-9], q))).toEqual(Array.from(quantize([1], q))); // rounding slack is clamped
    expect(() => dequantizeSum(new Uint32Array(1), 9, q)).toThrow(/at most 8 vectors/);
    // The worst case, every client at +clipRange, still decodes without wrapping.
    const worst = Array.from({ length: 8 }, () => quantize([1, -1], q)).reduce(
      (acc, v) => addInto(acc, v),
      new Uint32Array(2),
    );
    const decoded = dequantizeSum(worst, 8, q);
    expect(decoded[0]).toBeCloseTo(8, 6);
    expect(decoded[1]).toBeCloseTo(-8, 6);
    expect(() => quantization({ clipRange: 2 ** 30, maxClients: 4 })).toThrow(/scale ≥ 1/);
  });
});

describe('secure aggregation (Bonawitz et al. 2017)', () => {
  it('the unmasked sum equals the plain sum to quantisation precision, without drop-outs', async () => {
    const real = realInputs(ids(6), 1);
    const { sum } = await simulateSecureAggregation(config(4), encode(real));
    expectPlainSum(sum, real, ids(6));
  });

  it('survives n − t clients dropping after sharing keys, and more leaving before unmasking', async () => {
    const real = realInputs(ids(7), 2);
    const dropped = ['client-1', 'client-4', 'client-5']; // n − t = 3
    const { sum, transcript } = await simulateSecureAggregation(config(4), encode(real), {
      beforeMasking: dropped,
    });
    expect(transcript.collection.survivors).toEqual(['client-0', 'client-2', 'client-3', 'client-6']);
    expectPlainSum(sum, real, ['client-0', 'client-2', 'client-3', 'client-6']);

    const late = await simulateSecureAggregation(config(3), encode(real), {
      beforeSharing: ['client-6'],
      beforeMasking: ['client-0', 'client-3'],
      beforeUnmasking: ['client-1'],
    });
    expectPlainSum(late.sum, real, ['client-1', 'client-2', 'client-4', 'client-5']);
  });

  it('stops with a typed error when drop-outs leave fewer than t clients', async () => {
    const real = realInputs(ids(5), 3);
    await expect(
      simulateSecureAggregation(config(4), encode(real), { beforeMasking: ['client-0', 'client-1'] }),
    ).rejects.toThrow(/at least 4 masked inputs \(the threshold\), received 3/);
  });

  it('the server cannot recover an individual input from what it receives', async () => {
    // Small inputs (|x| ≤ 0.01 of the clip range) make any leak obvious: their encodings sit within 1/800 of
    // the ring around 0, where a uniformly random value lands with probability 1/800.
    const real = realInputs(ids(5), 4, 0.01);
    const inputs = encode(real);
    const { transcript } = await simulateSecureAggregation(config(3), inputs);
    const target = 'client-2';
    const nearZero = (v: Uint32Array) =>
      Array.from(v).filter((x) => x < 2 ** 32 / 1600 || x > 2 ** 32 - 2 ** 32 / 1600).length;
    const y = transcript.maskedInputs.find((m) => m.clientId === target)!.maskedInput;
    expect(nearZero(inputs[target]!)).toBe(D);
    expect(nearZero(y)).toBeLessThan(3);
    // Everything the server got about the target: t shares of its self-mask seed (so it learns b) but no
    // share of its masking key, without which the pairwise masks stay on.
    const seedShares = transcript.replies
      .map((r) => r.selfMaskSeedShares[target])
      .filter((s) => s !== undefined);
    expect(transcript.replies.every((r) => r.maskingKeyShares[target] === undefined)).toBe(true);
    const seed = await reconstructSecret(seedShares as Uint8Array[]);
    const withoutSelfMask = addInto(Uint32Array.from(y), expandMask(seed, D), -1);
    expect(nearZero(withoutSelfMask)).toBeLessThan(3);
    // The relayed key shares are ciphertexts under keys only the two clients can agree on.
    const relayed = transcript.shareMessages.flatMap((m) => m.shares).filter((s) => s.from === target);
    expect(relayed.every((s) => s.ciphertext.length === 12 + 66 + 16)).toBe(true);
  });

  it('clients refuse requests that would reveal an input, and reject tampered shares', async () => {
    const cfg = config(3);
    const round0 = ids(4).map((id) => advertiseKeys(cfg, id));
    const roster = collectAdvertisedKeys(
      cfg,
      round0.map((r) => r.message),
    );
    const round1 = await Promise.all(round0.map((r) => shareKeys(r.state, roster)));
    const routing = routeShares(
      cfg,
      roster,
      round1.map((r) => r.message),
    );
    const input = new Uint32Array(D);
    const round2 = round1.map((r) =>
      maskInput(r.state, routing.survivors, routing.inboxes[r.state.clientId]!, input),
    );
    const collection = collectMaskedInputs(
      cfg,
      routing,
      round2.map((r) => r.message),
    );
    const client = round2[0]!.state;
    expect(() => unmaskingResponse(client, ['client-0', 'client-1'])).toThrow(
      /at least 3 clients that sent masked inputs/,
    );
    expect(() => unmaskingResponse(client, [...collection.survivors, 'stranger'])).toThrow(
      /distinct clients that shared keys/,
    );
    expect(() => maskInput(round1[0]!.state, routing.survivors, [], input)).toThrow(/exactly one share/);
    const tampered = {
      ...client,
      inbox: client.inbox.map((s, i) =>
        i === 0 ? { ...s, ciphertext: Uint8Array.from(s.ciphertext, (b, k) => (k === 20 ? b ^ 1 : b)) } : s,
      ),
    };
    expect(() => unmaskingResponse(tampered, collection.survivors)).toThrow(/failed authentication/);
    const reply = unmaskingResponse(client, collection.survivors);
    expect(Object.keys(reply.maskingKeyShares)).toEqual([]);
    expect(Object.keys(reply.selfMaskSeedShares).sort()).toEqual(ids(4));
    expect(() =>
      collectAdvertisedKeys(cfg, [round0[0]!.message, round0[0]!.message, round0[1]!.message]),
    ).toThrow(/unique client ids/);
    expect(() => advertiseKeys({ ...cfg, threshold: 1 }, 'x')).toThrow(/threshold ≥ 2/);
  });
});
