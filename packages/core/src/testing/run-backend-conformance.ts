import { ValidationError } from '../errors/index.js';
import { conformanceCases } from './conformance-cases.js';
import type { ConformanceCase, ConformanceTolerance } from './conformance-types.js';

/**
 * A test framework's `it`/`test`; its `skip`, when it has one, reports skipped cases as skipped (without
 * it, skipped cases are left out).
 *
 * @example
 * ```ts
 * import { it } from 'node:test';
 * import type { ConformanceTestFunction } from '@tessera/core/testing';
 * const register: ConformanceTestFunction = it;
 * ```
 */
export interface ConformanceTestFunction {
  (name: string, fn: () => Promise<void>): unknown;
  skip?: (name: string, fn: () => Promise<void>) => unknown;
}

/**
 * Options of {@link runBackendConformance}. `describe` and `it` come from whichever test framework drives
 * the suite (vitest, jest, mocha, `node:test`), so `@tessera/core/testing` imports none of them.
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * import type { BackendConformanceOptions } from '@tessera/core/testing';
 * const options: BackendConformanceOptions = {
 *   backend: 'webgpu', describe, it, tolerance: { rtol: 1e-3, atol: 1e-4 },
 *   skip: { Cumsum: 'not implemented yet; tracked in #42' },
 * };
 * ```
 */
export interface BackendConformanceOptions {
  /** The tfjs backend name under test; it must already be registered (e.g. through `initBackend`). */
  readonly backend: string;
  /** The oracle backend; default `'cpu'`. */
  readonly reference?: string;
  /**
   * A reviewed skip list: case name or kernel id → why it is skipped (non-empty). A kernel id skips every
   * case that exercises it. Every key must name a known case or kernel, so stale entries are noticed.
   */
  readonly skip?: Readonly<Record<string, string>>;
  readonly describe: (name: string, fn: () => void) => unknown;
  readonly it: ConformanceTestFunction;
  /** Default `{ rtol: 1e-4, atol: 1e-5 }`. */
  readonly tolerance?: ConformanceTolerance;
  /** The cases to run; default {@link conformanceCases}(). */
  readonly cases?: readonly ConformanceCase[];
}

function validateSkipList(skip: Readonly<Record<string, string>>, cases: readonly ConformanceCase[]): void {
  const known = new Set(cases.flatMap((c) => [c.name, ...c.kernels]));
  for (const [key, reason] of Object.entries(skip)) {
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw ValidationError.expected(
        `a non-empty reason for skipping "${key}"`,
        reason,
        'runBackendConformance({ skip })',
      );
    }
    if (!known.has(key)) {
      throw ValidationError.expected(
        `a conformance case name or kernel id (known: ${[...known].sort().join(', ')})`,
        key,
        'runBackendConformance({ skip })',
      );
    }
  }
}

/** Why `testCase` is skipped under `skip`, or undefined when it runs. */
function skipReason(testCase: ConformanceCase, skip: Readonly<Record<string, string>>): string | undefined {
  const key = [testCase.name, ...testCase.kernels].find((k) => Object.hasOwn(skip, k));
  return key === undefined ? undefined : `${key}: ${skip[key]}`;
}

/**
 * Registers one test per conformance case, under one `describe` block, through the given test framework:
 * forward values and gradients of every op the layer zoo needs, on `backend` against `reference`.
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * import { runBackendConformance } from '@tessera/core/testing';
 * runBackendConformance({
 *   backend: 'wasm', describe, it,
 *   skip: { resizeNearestNeighbor: 'not needed by any layer yet; tracked in #123' },
 * });
 * ```
 * @throws ValidationError when a skip entry has an empty reason or names no known case or kernel
 * @see https://github.com/tensorflow/tfjs/blob/master/tfjs-core/src/jasmine_util.ts (op tests run per backend)
 */
export function runBackendConformance(options: BackendConformanceOptions): void {
  const { backend, reference = 'cpu', skip = {}, describe, it, tolerance } = options;
  if (typeof backend !== 'string' || backend === '') {
    throw ValidationError.expected('a backend name', backend, 'runBackendConformance({ backend })');
  }
  if (typeof describe !== 'function' || typeof it !== 'function') {
    throw ValidationError.expected(
      'describe and it functions from a test framework',
      it,
      'runBackendConformance',
    );
  }
  const cases = options.cases ?? conformanceCases();
  validateSkipList(skip, cases);
  describe(`backend conformance: ${backend} against ${reference}`, () => {
    for (const testCase of cases) {
      const title = `${testCase.name} (${testCase.kernels.join(', ')})`;
      const reason = skipReason(testCase, skip);
      const run = () => testCase.run(backend, { reference, ...(tolerance ? { tolerance } : {}) });
      if (reason === undefined) it(title, run);
      else if (typeof it.skip === 'function') it.skip(`${title} — skipped: ${reason}`, run);
    }
  });
}
