import type * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import type { Dataset } from '@tessera/data';
import type { BatchSource } from './batch-source.js';
import { toTensorList } from './model-inputs.js';
import type { Batch, BatchElement, ModelInputs } from './training-types.js';

function parts(element: BatchElement): [ModelInputs, ModelInputs | undefined, tf.Tensor | undefined] {
  if (Array.isArray(element)) return [element[0], element[1], element[2]];
  const e = element as Record<string, unknown>;
  if ('xs' in e)
    return [e.xs as ModelInputs, e.ys as ModelInputs | undefined, e.sampleWeight as tf.Tensor | undefined];
  if ('x' in e)
    return [e.x as ModelInputs, e.y as ModelInputs | undefined, e.sampleWeight as tf.Tensor | undefined];
  throw ValidationError.expected(
    'dataset elements { xs, ys }, { x, y, sampleWeight } or [x, y, sampleWeight?]',
    element,
    'fit(dataset)',
  );
}

/**
 * Refuses the options a dataset decides for itself (its batches, order and sample weights), which would
 * otherwise go unused. @internal
 */
export function refuseTensorOptions(
  options: object,
  names: readonly string[],
  where: (name: string) => string,
): void {
  for (const name of names) {
    if ((options as Record<string, unknown>)[name] !== undefined)
      throw new ValidationError(
        `${name} applies to tensor inputs; a dataset sets its own batches, order and sample weights`,
        { where: where(name) },
      );
  }
}

/** Reads one dataset element as a {@link Batch} (its tensors stay the dataset's). @internal */
export function elementToBatch(
  element: BatchElement,
  inputNames: readonly string[],
  outputNames: readonly string[],
): Batch {
  const [xs, ys, w] = parts(element);
  const x = toTensorList(xs, inputNames, 'dataset element x');
  const y = ys === undefined ? [] : toTensorList(ys, outputNames, 'dataset element y');
  return { x, y, sampleWeight: w ?? null, size: x[0]!.shape[0] ?? 1 };
}

/**
 * Batches from a batched `Dataset`. Each epoch is a fresh pass, or, with `stepsPerEpoch`, the next
 * `stepsPerEpoch` batches of one continuing pass (restarted when it ends) — for endless datasets.
 * @throws ValidationError for an endless dataset without `stepsPerEpoch`
 * @example
 * ```ts
 * const source = datasetBatches(ds, ['input'], ['dense_1']);
 * ```
 */
export function datasetBatches(
  dataset: Dataset<BatchElement>,
  inputNames: readonly string[],
  outputNames: readonly string[],
  stepsPerEpoch?: number,
): BatchSource {
  if (stepsPerEpoch === undefined && dataset.size === Infinity) {
    throw ValidationError.expected(
      'stepsPerEpoch for an endless dataset',
      undefined,
      'fit(dataset, { stepsPerEpoch })',
    );
  }
  let iterator: AsyncIterator<BatchElement> | null = null;
  const next = async (): Promise<IteratorResult<BatchElement>> => {
    iterator ??= dataset[Symbol.asyncIterator]();
    let r = await iterator.next();
    if (r.done && stepsPerEpoch !== undefined) {
      iterator = dataset[Symbol.asyncIterator]();
      r = await iterator.next();
    }
    return r;
  };
  return {
    steps: stepsPerEpoch ?? dataset.size,
    samples: null,
    async *epoch() {
      try {
        for (let step = 0; stepsPerEpoch === undefined || step < stepsPerEpoch; step++) {
          const r = await next();
          if (r.done) break;
          yield elementToBatch(r.value, inputNames, outputNames);
        }
      } finally {
        // A full pass ends its iterator; with stepsPerEpoch the pass continues into the next epoch.
        if (stepsPerEpoch === undefined) {
          await iterator?.return?.();
          iterator = null;
        }
      }
    },
    dispose() {
      void iterator?.return?.();
      iterator = null;
    },
  };
}
