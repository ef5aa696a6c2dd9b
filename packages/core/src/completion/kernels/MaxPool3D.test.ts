import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { expectClose, runOn } from '../test-support/backend-comparison.js';
import { pool3dFixtures, pool3dGradients } from '../test-support/gradient-fixtures.js';

// Captured before any test switches backend (and so before `correctKernels` replaces them).
const nativeWasmMaxPool3D = tf.getKernel(tf.MaxPool3D, 'wasm');
const nativeCpuMaxPool3DGrad = tf.getKernel(tf.MaxPool3DGrad, 'cpu');
const fixtures = pool3dFixtures().filter((f) => f.op === 'maxPool3d');

/** Runs a captured native kernel under an alias, which `correctKernels` leaves alone. */
async function runNative(
  backend: 'cpu' | 'wasm',
  kernel: tf.KernelConfig,
  inputs: () => tf.NamedTensorMap,
  attrs: object,
) {
  const alias = `TesseraTestNative${kernel.kernelName}`;
  tf.registerKernel({ kernelName: alias, backendName: backend, kernelFunc: kernel.kernelFunc });
  try {
    const [out] = await runOn(backend, () =>
      tf.tidy(() => [tf.engine().runKernel(alias, inputs(), attrs as tf.NamedAttrMap) as tf.Tensor]),
    );
    return out!;
  } finally {
    tf.unregisterKernel(alias, backend);
  }
}

const t5 = (t: { shape: number[]; values: number[] }) => tf.tensor(t.values, t.shape);

describe('MaxPool3D corrections', () => {
  it('are needed: wasm’s MaxPool3D gives 1.2e-38 for all-negative windows', async () => {
    const f = fixtures[0]!;
    const attrs = { filterSize: f.filterSize, strides: f.strides, pad: f.pad, dataFormat: 'NDHWC' };
    const y = await runNative('wasm', nativeWasmMaxPool3D, () => ({ x: t5(f.x) }), attrs);
    const wrong = Array.from(y.values).filter((v, i) => Math.abs(v - f.y.values[i]!) > 1e-5);
    expect(wrong.length).toBeGreaterThan(0);
    expect(wrong.every((v) => v > 0 && v < 1e-30)).toBe(true);
  });

  it('are needed: cpu’s MaxPool3DGrad misplaces gradients when window height and width differ', async () => {
    const f = fixtures.find((c) => c.filterSize[1] !== c.filterSize[2])!;
    const attrs = { filterSize: f.filterSize, strides: f.strides, pad: f.pad };
    const inputs = () => ({ dy: t5(f.dy), input: t5(f.x), output: t5(f.y) });
    const dx = await runNative('cpu', nativeCpuMaxPool3DGrad, inputs, attrs);
    const worst = Array.from(dx.values).reduce((m, v, i) => Math.max(m, Math.abs(v - f.dx[i]!)), 0);
    expect(worst).toBeGreaterThan(0.1);
  });

  describe.each(['cpu', 'wasm'] as const)('on %s', (backend) => {
    it.each(fixtures)('forward and gradient match PyTorch: $name', async (f) => {
      const [y, dx] = await runOn(backend, () => pool3dGradients(f));
      expectClose(y!.values, f.y.values, 1e-6, 'y');
      expectClose(dx!.values, f.dx, 1e-6, 'dx');
    });
  });
});
