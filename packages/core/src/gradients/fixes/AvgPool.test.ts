import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import '../install-gradients.js';
import { expectClose, runOn } from '../../completion/test-support/backend-comparison.js';
import { poolFixtures, poolGradients } from '../../completion/test-support/gradient-fixtures.js';
import { withGradient, withTfjsGradient } from '../../completion/test-support/with-gradient.js';
import { avgPoolGradConfig } from './AvgPool.js';

const fixtures = poolFixtures().filter((f) => f.op === 'avgPool');
const maxError = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('AvgPool gradient fix', () => {
  it('is needed: tfjs-core’s gradient is wrong at padded borders, right without padding', async () => {
    await withTfjsGradient(tf.AvgPool, async () => {
      for (const f of fixtures) {
        const [y, dx] = await runOn('cpu', () => poolGradients(f));
        expectClose(y!.values, f.y.values, 1e-5, `${f.name}: forward`);
        const padded = f.pad !== 'valid';
        expect(maxError(dx!.values, f.dx) > 1e-3, f.name).toBe(padded);
      }
    });
  });

  describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
    it.each(fixtures)('matches PyTorch: $name', async (f) => {
      await withGradient(tf.AvgPool, avgPoolGradConfig, async () => {
        const [y, dx] = await runOn(backend, () => poolGradients(f));
        expectClose(y!.values, f.y.values, 1e-5, 'y');
        expectClose(dx!.values, f.dx, 1e-5, 'dx');
      });
    });
  });
});
