import * as tf from '@tensorflow/tfjs-core';
import { loadCpuBackendPackage } from '../backends/cpu-backend-plugin.js';
import { correctKernels } from '../completion/index.js';
import { ValidationError } from '../errors/index.js';
import { registerGradientFixes } from '../gradients/fixes/index.js';
import { compareTensors } from './compare-results.js';
import { ConformanceMismatchError, type ConformanceLocation } from './conformance-error.js';
import {
  type CaseVariant,
  type ConformanceCase,
  type ConformanceRunOptions,
  DEFAULT_CONFORMANCE_TOLERANCE,
  type OpCaseDefinition,
} from './conformance-types.js';
import { evaluateVariant, type VariantEvaluation } from './evaluate-variant.js';

async function evaluateOrExplain(
  where: ConformanceLocation,
  variant: CaseVariant,
  backend: string,
): Promise<VariantEvaluation> {
  try {
    return await evaluateVariant(where.caseName, variant, backend);
  } catch (error) {
    const role = backend === where.reference ? 'the reference backend' : 'the backend under test';
    const message = error instanceof Error ? error.message : String(error);
    throw new ConformanceMismatchError(where, `${role} "${backend}" threw: ${message}`, { cause: error });
  }
}

function checkNoLeak(where: ConformanceLocation, backend: string, evaluation: VariantEvaluation): void {
  if (evaluation.leakedTensors !== 0 || evaluation.leakedDataIds !== 0) {
    throw new ConformanceMismatchError(
      { ...where, output: 'memory' },
      `on "${backend}" the variant left ${evaluation.leakedTensors} tensor(s) and ` +
        `${evaluation.leakedDataIds} backend data buffer(s) behind (expected 0 and 0)`,
    );
  }
}

/**
 * Turns an op definition (name, kernels, variants) into a {@link ConformanceCase}. Each variant is
 * evaluated on the reference and on the backend under test; outputs and gradients are compared in order,
 * and neither run may leave a tensor or backend buffer behind. The previously active backend is restored.
 * The reference backend's kernels known to be wrong are corrected first (`correctKernels`).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { defineOpCase } from '@tessera/core/testing';
 * const square = defineOpCase({
 *   name: 'square', kernels: ['Square'],
 *   variants: [{ label: '2x3', inputs: { x: { shape: [2, 3] } }, fn: ({ x }) => tf.square(x!) }],
 * });
 * await square.run('cpu');
 * ```
 * @throws ValidationError when the definition has no name, no kernels or no variants
 */
export function defineOpCase(definition: OpCaseDefinition): ConformanceCase {
  const { name, kernels, variants } = definition;
  if (!name || kernels.length === 0 || variants.length === 0) {
    throw ValidationError.expected(
      'a name, at least one kernel and at least one variant',
      definition,
      'defineOpCase',
    );
  }
  return {
    name,
    kernels,
    async run(backend: string, options: ConformanceRunOptions = {}): Promise<void> {
      const reference = options.reference ?? 'cpu';
      const tolerance = options.tolerance ?? DEFAULT_CONFORMANCE_TOLERANCE;
      // The default oracle: loading tfjs-backend-cpu registers it (and its kernels) with tfjs.
      if (reference === 'cpu' || backend === 'cpu') await loadCpuBackendPackage();
      // The oracle runs with core's corrections of its known-wrong kernels (the backend under test runs as
      // its caller set it up, normally through initBackend, which corrects it too).
      correctKernels(reference);
      // Backends are checked under the gradients Tessera trains with: tfjs-core's, with core's corrections.
      registerGradientFixes();
      const previous = tf.getBackend();
      try {
        for (const variant of variants) {
          const where = { caseName: name, variant: variant.label, output: 'execution', backend, reference };
          const expected = await evaluateOrExplain(where, variant, reference);
          const actual = await evaluateOrExplain(where, variant, backend);
          checkNoLeak(where, reference, expected);
          checkNoLeak(where, backend, actual);
          if (actual.results.length !== expected.results.length) {
            throw new ConformanceMismatchError(
              where,
              `${actual.results.length} outputs and gradients differ from the reference's ${expected.results.length}`,
            );
          }
          expected.results.forEach((e, i) => {
            compareTensors({ ...where, output: e.name }, actual.results[i]!, e, tolerance);
          });
        }
      } finally {
        if (previous && tf.getBackend() !== previous) await tf.setBackend(previous);
      }
    },
  };
}
