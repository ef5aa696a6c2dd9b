import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConformanceMismatchError, type ConformanceCase, conformanceCases, defineOpCase } from './index.js';
import { valuesFor } from './seeded-values.js';

type KernelOverride = (cpuKernel: tf.KernelFunc) => tf.KernelFunc;

// A backend that is the cpu backend under another name, except for the kernels given: what a user's broken
// plugin would look like to the suite. Returns a function that removes it again.
function registerCpuDelegate(
  name: string,
  overrides: Record<string, KernelOverride | 'missing'>,
): () => void {
  tf.registerBackend(name, () => new MathBackendCPU());
  const registered: string[] = [];
  for (const config of tf.getKernelsForBackend('cpu')) {
    const override = overrides[config.kernelName];
    if (override === 'missing') continue;
    const kernelFunc = override ? override(config.kernelFunc) : config.kernelFunc;
    tf.registerKernel({ ...config, backendName: name, kernelFunc });
    registered.push(config.kernelName);
  }
  return () => {
    for (const kernelName of registered) tf.unregisterKernel(kernelName, name);
    tf.removeBackend(name);
  };
}

const caseNamed = (name: string): ConformanceCase => conformanceCases().find((c) => c.name === name)!;

async function failureOf(run: Promise<void>): Promise<ConformanceMismatchError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConformanceMismatchError);
  return error as ConformanceMismatchError;
}

// Runs the cpu kernel, then edits its output values in place.
const editedOutput =
  (edit: (values: Float32Array) => void): KernelOverride =>
  (cpuKernel) =>
  (args) => {
    const out = cpuKernel(args) as tf.TensorInfo;
    edit((args.backend as MathBackendCPU).data.get(out.dataId).values as Float32Array);
    return out;
  };

describe('the conformance suite can fail', () => {
  const removers: (() => void)[] = [];
  beforeAll(async () => {
    await tf.setBackend('cpu');
    const abs = tf.getKernel('Abs', 'cpu')!.kernelFunc;
    removers.push(
      registerCpuDelegate('broken-relu', { Relu: () => abs }),
      registerCpuDelegate('broken-elu-grad', {
        EluGrad: editedOutput((values) => {
          values[0]! += 1;
        }),
      }),
      registerCpuDelegate('slightly-off-relu', {
        Relu: editedOutput((values) => {
          for (let i = 0; i < values.length; i++) values[i]! *= 1.001;
        }),
      }),
      registerCpuDelegate('leaky-sigmoid', {
        Sigmoid: (sigmoid) => (args) => {
          (args.backend as MathBackendCPU).makeTensorInfo([1], 'float32', new Float32Array(1));
          return sigmoid(args);
        },
      }),
      registerCpuDelegate('no-softmax', { Softmax: 'missing' }),
    );
  });
  afterAll(() => {
    for (const remove of removers) remove();
  });

  it('flags a Relu that returns |x|: names the case, output, worst index, both values and the tolerance', async () => {
    const error = await failureOf(caseNamed('relu').run('broken-relu'));
    const x = valuesFor('relu|x 7|x', { shape: [7], range: [-2, 2] });
    const mostNegative = x.indexOf(Math.min(...x));
    expect(error.message).toContain(
      'Conformance case "relu" [x 7], output 0: backend "broken-relu" vs reference "cpu"',
    );
    expect(error.message).toContain(`worst index ${mostNegative} (position [${mostNegative}] of shape [7])`);
    expect(error.message).toContain(`${(-x[mostNegative]!).toPrecision(8)} vs expected 0`);
    expect(error.message).toContain('atol 0.00001 + rtol 0.0001·|expected|');
    expect(error.location).toMatchObject({ caseName: 'relu', output: 'output 0', backend: 'broken-relu' });
  });

  it('passes the cases that do not use the broken kernel on the same backend', async () => {
    await caseNamed('sigmoid').run('broken-relu');
    await caseNamed('conv2d').run('broken-relu');
  });

  it('checks gradients: a wrong EluGrad fails elu at gradient d/dx, index 0', async () => {
    const error = await failureOf(caseNamed('elu').run('broken-elu-grad'));
    expect(error.location.output).toBe('gradient d/dx');
    expect(error.message).toContain('worst index 0');
  });

  it('applies the tolerance it is given: a 0.1% error fails at the default and passes at rtol 1e-2', async () => {
    const error = await failureOf(caseNamed('relu').run('slightly-off-relu'));
    expect(error.message).toContain('output 0');
    await caseNamed('relu').run('slightly-off-relu', { tolerance: { rtol: 1e-2, atol: 1e-5 } });
  });

  it('flags a kernel that leaks a backend buffer', async () => {
    const error = await failureOf(caseNamed('sigmoid').run('leaky-sigmoid'));
    expect(error.location.output).toBe('memory');
    expect(error.message).toContain('left 0 tensor(s) and 2 backend data buffer(s) behind');
  });

  it('flags a computation that leaks a tensor', async () => {
    const leaky = defineOpCase({
      name: 'leaky',
      kernels: ['Add'],
      variants: [
        {
          label: 'x 3',
          inputs: { x: { shape: [3] } },
          fn: ({ x }) => [x!.add(1), tf.keep(x!.add(2)).add(3)],
        },
      ],
    });
    const error = await failureOf(leaky.run('cpu'));
    expect(error.message).toMatch(/on "cpu" the variant left [1-9]\d* tensor\(s\)/);
  });

  it('reports a missing kernel with the error of the backend under test', async () => {
    const error = await failureOf(caseNamed('softmax').run('no-softmax'));
    expect(error.message).toContain(
      `the backend under test "no-softmax" threw: Kernel 'Softmax' not registered`,
    );
  });

  it('restores the backend that was active before the case', async () => {
    await tf.setBackend('cpu');
    await caseNamed('sigmoid').run('broken-relu');
    expect(tf.getBackend()).toBe('cpu');
  });
});
