import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors/index.js';
import { expectClose, pseudoRandom, runOn, useBackend } from '../test-support/backend-comparison.js';

const cases: { equation: string; shapes: number[][] }[] = [
  {
    equation: 'ij,jk->ik',
    shapes: [
      [3, 4],
      [4, 5],
    ],
  },
  {
    equation: 'bij,bjk->bik',
    shapes: [
      [2, 3, 4],
      [2, 4, 5],
    ],
  },
  {
    equation: 'bqhd,bkhd->bhqk',
    shapes: [
      [2, 3, 2, 4],
      [2, 5, 2, 4],
    ],
  },
  {
    equation: 'bhqk,bkhd->bqhd',
    shapes: [
      [2, 2, 3, 5],
      [2, 5, 2, 4],
    ],
  },
  { equation: 'i,i->', shapes: [[6], [6]] },
  { equation: 'i,j->ij', shapes: [[3], [4]] },
  { equation: 'ij->ji', shapes: [[3, 4]] },
  { equation: 'ijk->j', shapes: [[2, 3, 4]] },
  {
    equation: 'abc,cd->abd',
    shapes: [
      [2, 3, 4],
      [4, 5],
    ],
  },
  {
    equation: 'ij,ij->i',
    shapes: [
      [3, 4],
      [3, 4],
    ],
  },
  { equation: 'ijk,i->jk', shapes: [[3, 2, 4], [3]] },
];

describe('Einsum completion', () => {
  it.each(cases)('matches the cpu kernel: $equation', async ({ equation, shapes }) => {
    const compute = () =>
      tf.tidy(() => [
        tf.einsum(
          equation,
          ...shapes.map((s, i) => tf.tensor(pseudoRandom(tf.util.sizeFromShape(s), i + 1), s)),
        ),
      ]);
    const [expected] = await runOn('cpu', compute);
    const [actual] = await runOn('wasm', compute);
    expect(actual!.shape).toEqual(expected!.shape);
    expectClose(actual!.values, expected!.values, 1e-5);
  });

  // tfjs's cpu kernel takes at most two operands, so a chain of two of its einsums is the reference here.
  it('contracts three operands like two chained cpu einsums', async () => {
    const operands = () =>
      [
        [2, 3],
        [3, 4],
        [4, 2],
      ].map((s, i) => tf.tensor(pseudoRandom(s[0]! * s[1]!, i + 1), s));
    const [expected] = await runOn('cpu', () =>
      tf.tidy(() => {
        const [a, b, c] = operands();
        return [tf.einsum('ik,kl->il', tf.einsum('ij,jk->ik', a!, b!), c!)];
      }),
    );
    const [actual] = await runOn('wasm', () => tf.tidy(() => [tf.einsum('ij,jk,kl->il', ...operands())]));
    expect(actual!.shape).toEqual([2, 2]);
    expectClose(actual!.values, expected!.values, 1e-5);
  });

  it.each(['ij,jk', 'ii->i', 'ij,jk->ik,i', 'ij->k', '...ij->ij'])(
    'rejects %s with a ValidationError',
    async (eq) => {
      await useBackend('wasm');
      const a = tf.ones([2, 2]);
      const operands = eq.includes(',') ? [a, a] : [a];
      expect(() => tf.einsum(eq, ...operands)).toThrow(ValidationError);
      a.dispose();
    },
  );

  it('rejects operands whose shared label sizes disagree', async () => {
    await useBackend('wasm');
    const a = tf.ones([2, 3]);
    const b = tf.ones([4, 2]);
    expect(() => tf.einsum('ij,jk->ik', a, b)).toThrow(/label 'j'/);
    tf.dispose([a, b]);
  });
});
