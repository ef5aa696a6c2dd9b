import type * as tf from '@tensorflow/tfjs-core';

/**
 * Float32 comparison tolerance: a value passes when `|actual − expected| ≤ atol + rtol·|expected|`
 * (the NumPy `allclose` rule).
 *
 * @example
 * ```ts
 * import type { ConformanceTolerance } from '@tessera/core/testing';
 * const loose: ConformanceTolerance = { rtol: 1e-3, atol: 1e-4 };
 * ```
 * @see https://numpy.org/doc/stable/reference/generated/numpy.allclose.html
 */
export interface ConformanceTolerance {
  readonly rtol: number;
  readonly atol: number;
}

/**
 * The default float32 tolerance of the conformance suite: `rtol 1e-4`, `atol 1e-5`.
 *
 * @example
 * ```ts
 * import { DEFAULT_CONFORMANCE_TOLERANCE } from '@tessera/core/testing';
 * const halfPrecision = { ...DEFAULT_CONFORMANCE_TOLERANCE, rtol: 1e-2 };
 * ```
 */
export const DEFAULT_CONFORMANCE_TOLERANCE: ConformanceTolerance = Object.freeze({ rtol: 1e-4, atol: 1e-5 });

/**
 * How one case runs: which backend is the oracle and how close the values must be.
 *
 * @example
 * ```ts
 * import type { ConformanceRunOptions } from '@tessera/core/testing';
 * const options: ConformanceRunOptions = { reference: 'cpu', tolerance: { rtol: 1e-4, atol: 1e-5 } };
 * ```
 */
export interface ConformanceRunOptions {
  /** The backend whose results are taken as correct; default `'cpu'`. */
  readonly reference?: string;
  /** Default {@link DEFAULT_CONFORMANCE_TOLERANCE}. */
  readonly tolerance?: ConformanceTolerance;
}

/**
 * One conformance check: an op (or a family of closely related ops) evaluated for several shapes, forward
 * values and gradients, on the backend under test and on the reference backend.
 *
 * @example
 * ```ts
 * import { conformanceCases } from '@tessera/core/testing';
 * const relu = conformanceCases().find((c) => c.name === 'relu')!;
 * await relu.run('cpu'); // throws a ConformanceMismatchError naming the output and index on a mismatch
 * ```
 */
export interface ConformanceCase {
  /** Short, unique, stable name (`'conv2d'`, `'maxPool'`); also a valid key of a skip list. */
  readonly name: string;
  /** The tfjs kernel ids this case exercises (forward and gradient), e.g. `['Conv2D', 'Conv2DBackpropFilter']`. */
  readonly kernels: readonly string[];
  /**
   * Runs every variant on `backend` and on the reference backend and compares them.
   * @throws ConformanceMismatchError when a value, shape or dtype differs, or a tensor leaks
   */
  run(backend: string, options?: ConformanceRunOptions): Promise<void>;
}

/**
 * How the seeded values of one input are drawn. Seeds derive from the case, variant and input names, so
 * every backend (and every run) sees the same values.
 *
 * @example
 * ```ts
 * import type { InputSpec } from '@tessera/core/testing';
 * const positive: InputSpec = { shape: [3, 1, 5], range: [0.1, 3] };
 * const indices: InputSpec = { shape: [4], dtype: 'int32', values: [4, 0, 2, 2] };
 * ```
 */
export interface InputSpec {
  readonly shape: readonly number[];
  /** Default `'float32'`. */
  readonly dtype?: 'float32' | 'int32' | 'bool';
  /** Uniform range of the seeded values (integers: inclusive bounds); default `[-1, 1]`, bool `[0, 1]`. */
  readonly range?: readonly [number, number];
  /** Fixed values instead of seeded ones (indices, shapes with known ties). */
  readonly values?: readonly number[];
  /** Whether gradients are taken with respect to this input; default true for float32 inputs. */
  readonly grad?: boolean;
}

/**
 * One shape/attribute combination of a case.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import type { CaseVariant } from '@tessera/core/testing';
 * const strided: CaseVariant = {
 *   label: 'x 1x6x6x2, window 2, stride 2',
 *   inputs: { x: { shape: [1, 6, 6, 2] } },
 *   fn: ({ x }) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid'),
 * };
 * ```
 */
export interface CaseVariant {
  /** What distinguishes this variant, shown in failure messages (`'stride 2, same, 1x5x5x3'`). */
  readonly label: string;
  /** Named inputs, in the order the op takes them. */
  readonly inputs: Readonly<Record<string, InputSpec>>;
  /** The computation; multiple outputs are compared one by one (and summed for the gradient). */
  readonly fn: (inputs: Record<string, tf.Tensor>) => tf.Tensor | tf.Tensor[];
  /** Whether to compare gradients; default true when some input is differentiable and every output is float32. */
  readonly gradients?: boolean;
}

/**
 * The definition of an op case, turned into a {@link ConformanceCase} by `defineOpCase`. List in `kernels`
 * every kernel the variants run, forward and backward (`Identity` aside), so a skip by kernel id is exact.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import type { OpCaseDefinition } from '@tessera/core/testing';
 * const neg: OpCaseDefinition = {
 *   name: 'neg', kernels: ['Neg'],
 *   variants: [{ label: 'x 7', inputs: { x: { shape: [7] } }, fn: ({ x }) => tf.neg(x!) }],
 * };
 * ```
 */
export interface OpCaseDefinition {
  readonly name: string;
  readonly kernels: readonly string[];
  readonly variants: readonly CaseVariant[];
}
