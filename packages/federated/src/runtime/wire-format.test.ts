import { parseSafetensors } from '@tessera/core';
import { describe, expect, it } from 'vitest';
import { createAuthenticator, proveIdentity } from './auth.js';
import { ProtocolError } from './runtime-errors.js';
import { validateUpdate } from './update-validation.js';
import { decodeFrame, encodeFrame, FRAME_METADATA_KEY } from './wire-format.js';
import type { WireTree } from './wire-tree.js';

const leaf = (shape: number[], values: number[]) => ({ shape, data: Float32Array.from(values) });

describe('frames', () => {
  it('carry typed arrays as raw little-endian tensors, and the rest as JSON', () => {
    const message = {
      type: 'fit',
      round: 3,
      config: { lr: 0.1, name: 'x', flag: true },
      parameters: { w: leaf([2, 2], [1, -2, 3.5, 1e-30]) },
      keys: [Uint8Array.of(1, 2, 255)],
      masked: Uint32Array.of(0, 2 ** 32 - 1),
      loss: Number.NaN,
      spent: Number.POSITIVE_INFINITY,
    };
    const bytes = encodeFrame(message);
    // A frame is a safetensors file: the JSON has no numeric arrays for the tensors, the data is raw bytes.
    const parsed = parseSafetensors(bytes);
    const json = parsed.metadata[FRAME_METADATA_KEY]!;
    expect(json).not.toContain('3.5');
    expect(
      Object.values(parsed.tensors)
        .map((t) => t.dtype)
        .sort(),
    ).toEqual(['F32', 'U32', 'U8']);
    const f32 = Object.values(parsed.tensors).find((t) => t.dtype === 'F32')!;
    expect(f32.data).toEqual(Float32Array.from([1, -2, 3.5, 1e-30]));

    const decoded = decodeFrame(bytes) as unknown as typeof message;
    expect(decoded.parameters.w.data).toEqual(message.parameters.w.data);
    expect(decoded.parameters.w.shape).toEqual([2, 2]);
    expect(decoded.keys[0]).toEqual(Uint8Array.of(1, 2, 255));
    expect(decoded.masked).toEqual(Uint32Array.of(0, 2 ** 32 - 1));
    expect(decoded.config).toEqual(message.config);
    expect(decoded.loss).toBeNaN();
    expect(decoded.spent).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuse bytes that are not a frame, and frames without a type', () => {
    expect(() => decodeFrame(Uint8Array.of(1, 2, 3))).toThrow(ProtocolError);
    expect(() => decodeFrame(encodeFrame({ round: 1 }))).toThrow(/string "type"/);
  });
});

describe('validateUpdate', () => {
  const global: WireTree = { w: leaf([2], [0, 0]), b: leaf([1], [1]) };
  const check = (received: unknown, bound?: number) =>
    validateUpdate(received, global, bound ? { maxUpdateNorm: bound } : {});

  it('accepts a well-formed update and reports the norm of its difference from the global parameters', () => {
    const verdict = check({ w: leaf([2], [3, 4]), b: leaf([1], [1]) });
    expect(verdict).toEqual({ ok: true, norm: 5 });
  });

  it.each([
    ['a missing leaf', { w: leaf([2], [0, 0]) }, /missing "b"/],
    ['an extra leaf', { w: leaf([2], [0, 0]), b: leaf([1], [1]), c: leaf([1], [0]) }, /extra "c"/],
    ['a wrong shape', { w: leaf([1, 2], [0, 0]), b: leaf([1], [1]) }, /leaf "w" has shape \[1,2\]/],
    [
      'a wrong dtype',
      { w: { shape: [2], data: Uint8Array.of(0, 0) }, b: leaf([1], [1]) },
      /not float32 \(received Uint8Array\)/,
    ],
    [
      'a length that does not fit the shape',
      { w: leaf([2], [0, 0, 0]), b: leaf([1], [1]) },
      /holds 3 values/,
    ],
    ['NaN', { w: leaf([2], [0, Number.NaN]), b: leaf([1], [1]) }, /non-finite value \(NaN\) at index 1/],
    ['infinity', { w: leaf([2], [0, 0]), b: leaf([1], [Number.POSITIVE_INFINITY]) }, /non-finite/],
    ['no tree at all', [1, 2], /not a tree/],
  ])('rejects %s', (_name, received, reason) => {
    const verdict = check(received);
    expect(verdict.ok).toBe(false);
    expect((verdict as { reason: string }).reason).toMatch(reason);
  });

  it('rejects an update beyond the norm bound', () => {
    expect(check({ w: leaf([2], [3, 4]), b: leaf([1], [1]) }, 4.9)).toEqual({
      ok: false,
      reason: 'update norm 5.00000 exceeds the bound 4.9',
    });
  });
});

describe('authentication', () => {
  const auth = createAuthenticator({
    tokens: { alice: 'token-a' },
    secrets: { bob: 'secret-b' },
    revoked: ['carol'],
  });

  it('accepts the right token and the right signed challenge', () => {
    expect(auth.verify('alice', 'n1', proveIdentity({ token: 'token-a' }, 'n1', 'alice'))).toBeNull();
    expect(auth.verify('bob', 'n1', proveIdentity({ secret: 'secret-b' }, 'n1', 'bob'))).toBeNull();
  });

  it('refuses wrong tokens, unknown clients, replayed or borrowed signatures and revoked clients', () => {
    expect(auth.verify('alice', 'n1', { token: 'token-b' })).toBe('wrong credentials');
    expect(auth.verify('alice', 'n1', { token: 'token-' })).toBe('wrong credentials');
    expect(auth.verify('zed', 'n1', { token: 'token-a' })).toBe('wrong credentials');
    const signature = proveIdentity({ secret: 'secret-b' }, 'n1', 'bob');
    expect(auth.verify('bob', 'n2', signature)).toBe('wrong credentials'); // another connection's challenge
    expect(auth.verify('bob', 'n1', proveIdentity({ secret: 'wrong' }, 'n1', 'bob'))).toBe(
      'wrong credentials',
    );
    expect(auth.verify('carol', 'n1', { token: 'anything' })).toBe('client "carol" is revoked');
    auth.revoke('alice');
    expect(auth.verify('alice', 'n1', { token: 'token-a' })).toBe('client "alice" is revoked');
  });
});
