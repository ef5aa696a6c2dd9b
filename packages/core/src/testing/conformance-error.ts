import { TesseraError } from '../errors/index.js';

/**
 * Where a conformance failure happened: which case, which variant, which output or gradient.
 *
 * @example
 * ```ts
 * import type { ConformanceLocation } from '@tessera/core/testing';
 * const where: ConformanceLocation = {
 *   caseName: 'conv2d', variant: 'stride 2', output: 'gradient d/dfilter', backend: 'wasm', reference: 'cpu',
 * };
 * ```
 */
export interface ConformanceLocation {
  readonly caseName: string;
  readonly variant: string;
  /** `'output 0'`, `'gradient d/dx'`, `'memory'` (a leak) or `'execution'` (a kernel threw). */
  readonly output: string;
  readonly backend: string;
  readonly reference: string;
}

/**
 * A backend disagreed with the reference backend in a conformance case (a value out of tolerance, a shape
 * or dtype difference, a leaked tensor, or a kernel that threw). Code `E_CONFORMANCE`. The message names
 * the case, the variant, the output or gradient, the worst index, the two values and the tolerance.
 *
 * @example
 * ```ts
 * import { ConformanceMismatchError, conformanceCases } from '@tessera/core/testing';
 * try { await conformanceCases()[0]!.run('cpu'); }
 * catch (e) { if (e instanceof ConformanceMismatchError) console.log(e.location.output); }
 * ```
 */
export class ConformanceMismatchError extends TesseraError {
  readonly location: ConformanceLocation;

  constructor(location: ConformanceLocation, detail: string, options?: { cause?: unknown }) {
    const { caseName, variant, output, backend, reference } = location;
    super(
      'E_CONFORMANCE',
      `Conformance case "${caseName}" [${variant}], ${output}: backend "${backend}" vs reference "${reference}": ${detail}`,
      options,
    );
    this.location = location;
  }
}
