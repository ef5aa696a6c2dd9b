import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backends/index.js';
import { ConformanceMismatchError, conformanceCases, runBackendConformance } from './index.js';

// cpu against itself: a smoke check that every case runs, is deterministic and leaks nothing.
runBackendConformance({ backend: 'cpu', describe, it });

/**
 * Reviewed wasm skip list: defects of @tensorflow/tfjs-backend-wasm 4.22 that this suite found and core
 * does not correct yet (each confirmed against the cpu backend). The block below checks that every skipped
 * case still fails on wasm, so an entry is removed as soon as a fix (in tfjs or core) lands. Empty now:
 * `correctKernels` replaces every wasm kernel the suite found wrong (see `kernelCorrections`).
 */
const WASM_SKIPS: Record<string, string> = {};

describe('wasm (tfjs-backend-wasm, kernels completed and corrected by core)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  runBackendConformance({ backend: 'wasm', describe, it, skip: WASM_SKIPS });

  // (vitest refuses an empty describe block, so it exists only while the list has entries.)
  const describeSkips = Object.keys(WASM_SKIPS).length > 0 ? describe : describe.skip;
  describeSkips('every skip entry is still needed', () => {
    const cases = conformanceCases();
    for (const [name, reason] of Object.entries(WASM_SKIPS)) {
      it(`${name} still fails on wasm (${reason})`, async () => {
        const skipped = cases.find((c) => c.name === name);
        expect(skipped, `skip entry "${name}" names no case`).toBeDefined();
        await expect(skipped!.run('wasm')).rejects.toThrow(ConformanceMismatchError);
      });
    }
  });
});
