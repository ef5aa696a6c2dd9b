import { initBackend } from '@tessera/core';
import { ConformanceMismatchError, conformanceCases, runBackendConformance } from '@tessera/core/testing';
import type { NodeWebGPUAdapterName } from '../adapter/webgpu-adapter-types.js';
import { registerWebGPUBackend } from '../backend/register-webgpu-backend.js';

type TestApi = Pick<Parameters<typeof runBackendConformance>[0], 'describe' | 'it'> & {
  beforeAll: (fn: () => Promise<void>) => unknown;
  /** Vitest's `expect`, for checking that each skip entry is still needed. */
  expectToReject: (promise: Promise<unknown>, error: typeof ConformanceMismatchError) => Promise<void>;
};

/**
 * WGSL lets `sin` and `cos` be off by 2^-11 absolute on [-π, π] (WGSL §16.7.1, accuracy of built-in
 * functions). SwiftShader uses that latitude; llvmpipe and GPUs are closer. These cases therefore run a second
 * time with that absolute tolerance where an adapter needs it.
 */
const WGSL_TRIG_TOLERANCE = { rtol: 1e-4, atol: 2 ** -11 } as const;
const TRIG_CASES = ['sin', 'cos'];

/**
 * Registers core's conformance suite for the `webgpu` backend on one Node software adapter: every case
 * against the cpu backend, each a test of its own.
 */
export function runWebGPUConformance(adapter: NodeWebGPUAdapterName, api: TestApi): void {
  const { describe, it, beforeAll, expectToReject } = api;
  const looseTrig = adapter === 'swiftshader';
  describe(`webgpu on the ${adapter} adapter`, () => {
    beforeAll(async () => {
      registerWebGPUBackend({ adapter });
      await initBackend('webgpu', { fallback: false });
    });
    const skip = looseTrig
      ? Object.fromEntries(
          TRIG_CASES.map((name) => [name, 'WGSL allows 2^-11 absolute error; run below with that tolerance']),
        )
      : {};
    runBackendConformance({ backend: 'webgpu', describe, it, skip });
    if (looseTrig) {
      const cases = conformanceCases().filter((c) => TRIG_CASES.includes(c.name));
      describe('sin and cos within the WGSL accuracy bound', () => {
        runBackendConformance({ backend: 'webgpu', describe, it, cases, tolerance: WGSL_TRIG_TOLERANCE });
      });
      // Remove the skip (and this check) once SwiftShader's sin/cos meet the suite's default tolerance.
      for (const testCase of cases) {
        it(`${testCase.name} still misses the default tolerance on swiftshader`, () =>
          expectToReject(testCase.run('webgpu'), ConformanceMismatchError));
      }
    }
  });
}
