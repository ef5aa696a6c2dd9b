import { binaryCases } from './cases/binary-cases.js';
import { comparisonCases } from './cases/comparison-cases.js';
import { convCases } from './cases/conv-cases.js';
import { depthwiseCases } from './cases/depthwise-cases.js';
import { creationCases } from './cases/creation-cases.js';
import { indexingCases } from './cases/indexing-cases.js';
import { matMulCases } from './cases/matmul-cases.js';
import { normalizationCases } from './cases/normalization-cases.js';
import { poolCases } from './cases/pool-cases.js';
import { reductionCases, softmaxCases } from './cases/reduction-cases.js';
import { joinCases } from './cases/join-cases.js';
import { shapeCases } from './cases/shape-cases.js';
import { unaryCases } from './cases/unary-cases.js';
import type { ConformanceCase } from './conformance-types.js';

/**
 * Every conformance case: one per op (or close family) the layer zoo needs, each with several shapes
 * (including size-1 dims and odd sizes), comparing forward values and gradients against a reference
 * backend. Built fresh on each call; importing this module runs nothing.
 *
 * @example
 * ```ts
 * import { conformanceCases } from '@tessera/core/testing';
 * for (const c of conformanceCases()) await c.run('wasm', { reference: 'cpu' });
 * ```
 * @see https://github.com/tinygrad/tinygrad/blob/master/test/test_ops.py (one op suite, every backend)
 */
export function conformanceCases(): ConformanceCase[] {
  return [
    ...matMulCases(),
    ...convCases(),
    ...depthwiseCases(),
    ...poolCases(),
    ...unaryCases(),
    ...binaryCases(),
    ...comparisonCases(),
    ...reductionCases(),
    ...softmaxCases(),
    ...shapeCases(),
    ...joinCases(),
    ...indexingCases(),
    ...creationCases(),
    ...normalizationCases(),
  ];
}
