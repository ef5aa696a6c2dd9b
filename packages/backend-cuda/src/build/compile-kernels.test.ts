import '@tensorflow/tfjs-backend-cpu';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { conformanceCases } from '@tessera/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { kernelModuleNames } from '../backend/fake-kernel-source.js';
import { CUDA_BACKEND_NAME } from '../kernels/cuda-kernel.js';
import { dispatchConformanceOnFakeDriver } from '../kernels/dispatch-on-fake-driver.js';
import { type CompiledKernel, compileCudaKernels } from './compile-kernels.js';
import { CUBIN_ARCHITECTURES } from './kernel-build-plan.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const output = join(root, 'node_modules', '.cache', 'tessera-cuda-test-build');

// This test needs the CUDA toolkit (nvcc, ptxas): it fails with the searched locations when they are
// missing, on purpose (a CI machine without nvcc must not pass silently).
describe('CUDA kernels compile (nvcc → PTX ISA 8.0, ptxas → sm_80 / sm_90 cubins)', () => {
  let compiled: CompiledKernel[];
  beforeAll(async () => {
    compiled = await compileCudaKernels({
      kernelDirectory: join(root, 'cuda', 'kernels'),
      includeDirectory: join(root, 'cuda', 'include'),
      outputDirectory: output,
      cacheDirectory: join(root, 'node_modules', '.cache', 'tessera-cuda-kernels'),
      // Two at a time: the test suite runs beside other packages' tests on a 2-core machine.
      jobs: 2,
    });
  }, 600_000);

  it('builds every .cu module into PTX and both cubins', () => {
    expect(compiled.map((c) => c.module)).toEqual(kernelModuleNames());
    for (const { module } of compiled) {
      const ptx = readFileSync(join(output, `${module}.ptx`), 'utf8');
      expect(ptx).toMatch(/^\.version 8\.0$/m);
      expect(ptx).toMatch(/^\.target sm_75$/m);
      for (const arch of CUBIN_ARCHITECTURES) {
        const cubin = readFileSync(join(output, `${module}.${arch}.cubin`));
        expect([...cubin.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]); // ELF
      }
    }
  });

  it('defines every kernel function the TypeScript side launches for the conformance suite', async () => {
    const driver = await dispatchConformanceOnFakeDriver.setUp();
    try {
      for (const testCase of conformanceCases())
        await testCase.run(CUDA_BACKEND_NAME, { reference: CUDA_BACKEND_NAME });
    } finally {
      await dispatchConformanceOnFakeDriver.tearDown();
    }
    const launched = new Set(driver.launches.map((l) => `${l.module}/${l.name}`));
    expect(launched.size).toBeGreaterThan(60);
    const missing = [...launched].filter((key) => {
      const [module, name] = key.split('/') as [string, string];
      const ptx = readFileSync(join(output, `${module}.ptx`), 'utf8');
      return !new RegExp(`\\.entry ${name}\\(`).test(ptx);
    });
    expect(missing).toEqual([]);
  });
});
