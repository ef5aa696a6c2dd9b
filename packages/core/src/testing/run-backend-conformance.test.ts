import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.js';
import type { ConformanceCase, ConformanceRunOptions } from './conformance-types.js';
import { type ConformanceTestFunction, runBackendConformance } from './run-backend-conformance.js';

interface Recorded {
  blocks: string[];
  tests: { title: string; fn: () => Promise<void> }[];
  skipped: string[];
}

// A minimal test framework that records what the suite registers.
function fakeFramework(withSkip = true) {
  const recorded: Recorded = { blocks: [], tests: [], skipped: [] };
  const describeFn = (name: string, fn: () => void) => {
    recorded.blocks.push(name);
    fn();
  };
  const itFn: ConformanceTestFunction = (title, fn) => recorded.tests.push({ title, fn });
  if (withSkip) itFn.skip = (title) => recorded.skipped.push(title);
  return { recorded, describe: describeFn, it: itFn };
}

const runs: { name: string; backend: string; options: ConformanceRunOptions | undefined }[] = [];
const stub = (name: string, kernels: string[]): ConformanceCase => ({
  name,
  kernels,
  run: async (backend, options) => {
    runs.push({ name, backend, options });
  },
});
const cases = [
  stub('conv2d', ['Conv2D', 'Conv2DBackpropFilter']),
  stub('relu', ['Relu', 'Step']),
  stub('add', ['Add']),
];

describe('runBackendConformance', () => {
  it('registers one test per case in one describe block, each running its case with the options', async () => {
    const { recorded, describe: d, it: i } = fakeFramework();
    const tolerance = { rtol: 1e-3, atol: 1e-4 };
    runBackendConformance({ backend: 'mine', reference: 'wasm', describe: d, it: i, tolerance, cases });
    expect(recorded.blocks).toEqual(['backend conformance: mine against wasm']);
    expect(recorded.tests.map((t) => t.title)).toEqual([
      'conv2d (Conv2D, Conv2DBackpropFilter)',
      'relu (Relu, Step)',
      'add (Add)',
    ]);
    runs.length = 0;
    await recorded.tests[1]!.fn();
    expect(runs).toEqual([{ name: 'relu', backend: 'mine', options: { reference: 'wasm', tolerance } }]);
  });

  it('skips by case name or by kernel id, with the reason in the skipped title', () => {
    const { recorded, describe: d, it: i } = fakeFramework();
    const skip = { Conv2DBackpropFilter: 'not implemented yet (#12)', add: 'wrong broadcasting (#13)' };
    runBackendConformance({ backend: 'mine', describe: d, it: i, skip, cases });
    expect(recorded.tests.map((t) => t.title)).toEqual(['relu (Relu, Step)']);
    expect(recorded.skipped).toEqual([
      'conv2d (Conv2D, Conv2DBackpropFilter) — skipped: Conv2DBackpropFilter: not implemented yet (#12)',
      'add (Add) — skipped: add: wrong broadcasting (#13)',
    ]);
  });

  it('leaves skipped cases out when the framework has no it.skip', () => {
    const { recorded, describe: d, it: i } = fakeFramework(false);
    runBackendConformance({ backend: 'mine', describe: d, it: i, skip: { relu: 'reason' }, cases });
    expect(recorded.tests.map((t) => t.title)).toEqual([
      'conv2d (Conv2D, Conv2DBackpropFilter)',
      'add (Add)',
    ]);
  });

  it('rejects a skip entry without a reason, or one naming no case or kernel', () => {
    const { describe: d, it: i } = fakeFramework();
    expect(() =>
      runBackendConformance({ backend: 'mine', describe: d, it: i, skip: { relu: ' ' }, cases }),
    ).toThrow(ValidationError);
    expect(() =>
      runBackendConformance({ backend: 'mine', describe: d, it: i, skip: { Relu6: 'x' }, cases }),
    ).toThrow(/known: Add, Conv2D, Conv2DBackpropFilter, Relu, Step, add, conv2d, relu.*received "Relu6"/);
  });

  it('rejects a missing backend name or test functions', () => {
    const { describe: d, it: i } = fakeFramework();
    expect(() => runBackendConformance({ backend: '', describe: d, it: i, cases })).toThrow(ValidationError);
    expect(() =>
      runBackendConformance({ backend: 'mine', describe: d, it: undefined as never, cases }),
    ).toThrow(ValidationError);
  });

  it('defaults to every conformance case', () => {
    const { recorded, describe: d, it: i } = fakeFramework();
    runBackendConformance({ backend: 'mine', describe: d, it: i });
    expect(recorded.tests.length).toBeGreaterThan(80);
  });
});
