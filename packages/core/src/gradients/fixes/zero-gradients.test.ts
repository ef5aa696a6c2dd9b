import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../install-gradients.js';
import { expectClose, runOn, useBackend } from '../../completion/test-support/backend-comparison.js';
import { opGradientFixtures, valueAndGradients } from '../../completion/test-support/op-gradient-fixtures.js';
import { withTfjsGradient } from '../../completion/test-support/with-gradient.js';
import { comparisonGradConfigs } from './zero-gradients.js';

type Expression = (x: tf.Tensor) => tf.Tensor;
const twice = (x: tf.Tensor) => tf.mul(x, 2);
const cube = (x: tf.Tensor) => tf.mul(x, tf.mul(x, x));
const zero = () => tf.scalar(0, 'int32');

/** The tfjs forms of the generator's PyTorch expressions, and the kernel each one exercises. */
const expressions: Record<string, [kernel: string, fn: Expression]> = {
  less: [tf.Less, (x) => tf.where(tf.less(x, 0.2), tf.square(x), tf.mul(x, 3))],
  lessEqual: [tf.LessEqual, (x) => tf.where(tf.lessEqual(x, 0.2), tf.square(x), tf.mul(x, 3))],
  greater: [tf.Greater, (x) => tf.where(tf.greater(x, 0.2), tf.square(x), tf.neg(x))],
  greaterEqual: [
    tf.GreaterEqual,
    // An int32 comparison (a JS number would make tfjs cast both sides to float32).
    (x) => tf.where(tf.greaterEqual(tf.cast(twice(x), 'int32'), zero()), tf.square(x), tf.neg(x)),
  ],
  equal: [tf.Equal, (x) => tf.where(tf.equal(tf.round(twice(x)), 0), x, cube(x))],
  notEqual: [tf.NotEqual, (x) => tf.where(tf.notEqual(tf.cast(twice(x), 'int32'), zero()), x, cube(x))],
  logicalAnd: [
    tf.LogicalAnd,
    (x) => tf.where(tf.logicalAnd(tf.greater(x, -0.5), tf.less(x, 0.5)), tf.square(x), twice(x)),
  ],
  logicalOr: [
    tf.LogicalOr,
    (x) => tf.where(tf.logicalOr(tf.less(x, -0.5), tf.greater(x, 0.5)), tf.square(x), twice(x)),
  ],
  logicalNot: [tf.LogicalNot, (x) => tf.where(tf.logicalNot(tf.less(x, 0)), tf.square(x), tf.mul(x, -2))],
};
const fixtures = opGradientFixtures().where;

describe('zero gradients of comparison and logical kernels', () => {
  it('cover every kernel with a fixture', () => {
    expect(fixtures.map((f) => f.name).sort()).toEqual(Object.keys(expressions).sort());
    expect(comparisonGradConfigs.map((c) => c.kernelName).sort()).toEqual(
      Object.values(expressions)
        .map(([kernel]) => kernel)
        .sort(),
    );
  });

  it.each(fixtures)('are needed: with tfjs-core’s gradient, where($name(x), …) throws', async (f) => {
    const [kernel, fn] = expressions[f.name]!;
    await withTfjsGradient(kernel, async () => {
      await useBackend('cpu');
      // No leak check: when the tape throws, tfjs-core leaks the tensors it saved for backprop.
      expect(() => tf.dispose(valueAndGradients(fn, [f.x], f.dy))).toThrow(
        /gradient function not found|must have 'float32' dtype/,
      );
    });
  });

  describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
    it.each(fixtures)('make where($name(x), f(x), g(x)) differentiable as in PyTorch', async (f) => {
      const [y, dx] = await runOn(backend, () => valueAndGradients(expressions[f.name]![1], [f.x], f.dy));
      expectClose(y!.values, f.y.values, 1e-6, 'y');
      expectClose(dx!.values, f.dx, 1e-6, 'dx');
    });
  });

  it('leave tfjs-core’s zero gradients of IsNan, IsInf, IsFinite, ArgMax, ArgMin and Floor working', async () => {
    const x = [0.5, -1.5, 2.25, -0.75];
    const grad = (fn: Expression) =>
      runOn('cpu', () => tf.tidy(() => [tf.grad((v) => tf.sum(fn(v)))(tf.tensor1d(x))]));
    const read = async (fn: Expression) => Array.from((await grad(fn))[0]!.values);
    // Finite inputs: the predicate picks 3x (IsNan, IsInf) or x² (IsFinite) everywhere.
    expect(await read((v) => tf.where(tf.isNaN(v), tf.square(v), tf.mul(v, 3)))).toEqual([3, 3, 3, 3]);
    expect(await read((v) => tf.where(tf.isInf(v), tf.square(v), tf.mul(v, 3)))).toEqual([3, 3, 3, 3]);
    expect(await read((v) => tf.where(tf.isFinite(v), tf.square(v), v))).toEqual(x.map((v) => 2 * v));
    // x[argmax(x)] and x[argmin(x)]: a one-hot gradient at the chosen index.
    expect(await read((v) => tf.gather(v, tf.argMax(v)))).toEqual([0, 0, 1, 0]);
    expect(await read((v) => tf.gather(v, tf.argMin(v)))).toEqual([0, 1, 0, 0]);
    // d/dx (x · floor(x)) = floor(x), floor being piecewise constant.
    expect(await read((v) => tf.mul(v, tf.floor(v)))).toEqual(x.map(Math.floor));
  });
});
