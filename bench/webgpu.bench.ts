// WebGPU against wasm and cpu, side by side in one process: a 1024×1024 matmul and one training step
// (`trainOnBatch`, batch 64, Adam) of the small @tessera/layers digits CNN that @tessera/backend-webgpu's
// tests fit. WebGPU runs on every adapter Dawn offers here: in CI the two software adapters (llvmpipe
// through OpenGL ES, SwiftShader through Vulkan), on a GPU machine the GPU too. `npm run bench -- webgpu`; results in bench/results/webgpu.{json,md}.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import {
  adapterLabel,
  type NodeWebGPUAdapterName,
  registerWebGPUBackend,
  requestWebGPUAdapter,
} from '@tessera/backend-webgpu';
import { initBackend } from '@tessera/core';
import type { Sequential } from '@tessera/layers';
import { digitsCnn, digitsTensors } from '../packages/backend-webgpu/test/digits-cnn.js';
import type { Benchmark } from './harness.js';

const SIZE = 1024;
const BATCH = 64;

interface Target {
  readonly backend: 'cpu' | 'wasm' | 'webgpu';
  readonly adapter?: NodeWebGPUAdapterName;
  readonly label: string;
}

interface Fixtures {
  a: tf.Tensor2D;
  b: tf.Tensor2D;
  xs: tf.Tensor4D;
  ys: tf.Tensor1D;
  model: Sequential;
}

// Which Dawn adapters exist here decides the webgpu cases (probing makes an adapter, not a device).
const adapters: Target[] = [];
const adapterLines: string[] = [];
for (const adapter of ['gpu', 'opengles', 'swiftshader'] as const) {
  const found = await requestWebGPUAdapter({ adapter }).catch(() => undefined);
  if (!found) continue;
  adapters.push({ backend: 'webgpu', adapter, label: `webgpu/${adapter}` });
  adapterLines.push(`webgpu/${adapter}: ${adapterLabel(found.description)}`);
}
const targets: Target[] = [...adapters, { backend: 'wasm', label: 'wasm' }, { backend: 'cpu', label: 'cpu' }];

let current: { target: Target; fixtures: Fixtures } | undefined;

function makeFixtures(): Fixtures {
  const { x: xs, y: ys } = digitsTensors(BATCH);
  return {
    a: tf.randomUniform([SIZE, SIZE], -1, 1, 'float32', 1) as tf.Tensor2D,
    b: tf.randomUniform([SIZE, SIZE], -1, 1, 'float32', 2) as tf.Tensor2D,
    xs,
    ys,
    model: digitsCnn(),
  };
}

function disposeFixtures(f: Fixtures): void {
  f.model.dispose();
  tf.dispose([f.a, f.b, f.xs, f.ys]);
}

/** Activates `target` (re-creating the webgpu backend on another adapter when needed) and its inputs. */
async function use(target: Target): Promise<Fixtures> {
  if (current?.target === target) return current.fixtures;
  if (current) disposeFixtures(current.fixtures);
  if (target.backend === 'webgpu') {
    if (tf.findBackend('webgpu')) tf.removeBackend('webgpu');
    registerWebGPUBackend({ adapter: target.adapter! });
    await initBackend('webgpu', { fallback: false });
  } else {
    await initBackend(target.backend, { fallback: false });
  }
  current = { target, fixtures: makeFixtures() };
  return current.fixtures;
}

const cases: Benchmark['cases'] = {};
for (const target of targets) {
  cases[`matmul ${SIZE}×${SIZE} · ${target.label}`] = async () => {
    const { a, b } = await use(target);
    // Summing the product on the device keeps the readback (the synchronisation point) to one number.
    const total = tf.tidy(() => tf.sum(tf.matMul(a, b)));
    await total.data();
    total.dispose();
    return undefined;
  };
  cases[`CNN training step, batch ${BATCH} · ${target.label}`] = async () => {
    const { xs, ys, model } = await use(target);
    await model.trainOnBatch(xs, ys); // resolves once the loss is read back
    return BATCH;
  };
}

const bench: Benchmark = {
  name: 'webgpu',
  description:
    `WebGPU (tfjs-backend-webgpu through @tessera/backend-webgpu, Dawn in Node) against wasm and cpu in one process. ` +
    `"matmul" is a ${SIZE}×${SIZE} float32 product summed on the device and read back (one number); ` +
    `"CNN training step" is one \`trainOnBatch\` (Adam) of the @tessera/layers digits CNN of ` +
    `@tessera/backend-webgpu's tests (conv 3×3×8, max-pool, conv 3×3×16, dense 10) on a batch of ${BATCH}, ` +
    'loss and accuracy read back. ' +
    'Throughput is in samples/s for the CNN; the matmul rows show time only. Software adapters are CPU ' +
    'implementations of WebGPU and say nothing about GPU speed. Adapters: ' +
    `${adapterLines.join('; ')}.`,
  unit: 'samples/s',
  repeats: 3,
  warmup: 1,
  async teardown() {
    if (current) disposeFixtures(current.fixtures);
    current = undefined;
  },
  cases,
};

export default bench;
