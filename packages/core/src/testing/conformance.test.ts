import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backends/index.js';
import { ConformanceMismatchError, conformanceCases, runBackendConformance } from './index.js';

// cpu against itself: a smoke check that every case runs, is deterministic and leaks nothing.
runBackendConformance({ backend: 'cpu', describe, it });

/**
 * Reviewed wasm skip list. Each entry is a defect of @tensorflow/tfjs-backend-wasm 4.22 that this suite
 * found, confirmed against the cpu backend and (for maxPool) PyTorch. The block below checks that every
 * skipped case still fails on wasm, so an entry is removed as soon as a fix (in tfjs or core) lands.
 */
const WASM_SKIPS: Record<string, string> = {
  fusedMatMul: '_FusedMatMul adds the bias to the wrong elements when transposeB is true',
  maxPool:
    "MaxPoolGrad sends border-window gradients to the wrong cell with 'same' padding (cpu agrees with PyTorch)",
  floorDiv: 'FloorDiv of float32 inputs returns float32; the cpu and webgl backends return int32',
  oneHot: 'OneHot ignores onValue/offValue for a float32 output and returns zeros',
  cast: 'Cast float32→bool truncates (−0.5 → false, 2 → 2) instead of testing x ≠ 0',
};

describe('wasm (tfjs-backend-wasm, kernels completed by core)', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  runBackendConformance({ backend: 'wasm', describe, it, skip: WASM_SKIPS });

  describe('every skip entry is still needed', () => {
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
