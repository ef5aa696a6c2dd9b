import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import { Dataset } from '@tessera/data';
import type { History } from '../callbacks/history.js';
import type { Model } from '../model/model.js';
import { type BatchSource, splitTensors, tensorBatches } from './batch-source.js';
import type { CompiledModel } from './compile.js';
import { datasetBatches, refuseTensorOptions } from './dataset-batches.js';
import { fitLoop } from './fit.js';
import { toTensorList } from './model-inputs.js';
import type { BatchElement, FitOptions, ModelInputs } from './training-types.js';

/** The training data of a `fit` call. */
export type FitData =
  | { readonly dataset: Dataset<BatchElement> }
  | { readonly x: ModelInputs; readonly y: ModelInputs | undefined };

function positiveInt(value: number | undefined, fallback: number, where: string, min = 1): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min) throw ValidationError.expected(`an integer >= ${min}`, value, where);
  return v;
}

/**
 * Resolves `fit` options into batch sources (validation split, validation data, shuffling) and runs the
 * loop; disposes what it made (the split halves) when training ends, also on error.
 * @throws ValidationError for inconsistent options (a split of a dataset, a bad epoch range, ...)
 * @example
 * ```ts
 * const history = await fitModel(model, model.compiled!, { x, y }, { epochs: 2, batchSize: 32 });
 * ```
 */
export async function fitModel(
  model: Model,
  compiled: CompiledModel,
  data: FitData,
  options: FitOptions,
): Promise<History> {
  if (options === null || typeof options !== 'object')
    throw ValidationError.expected('fit options', options, `${model.name}.fit`);
  const where = (o: string) => `${model.name}.fit({ ${o} })`;
  const epochs = positiveInt(options.epochs, 1, where('epochs'));
  const initialEpoch = positiveInt(options.initialEpoch, 0, where('initialEpoch'), 0);
  if (initialEpoch >= epochs)
    throw ValidationError.expected(`initialEpoch < epochs (${epochs})`, initialEpoch, where('initialEpoch'));
  const batchSize = positiveInt(options.batchSize, 32, where('batchSize'));
  const made: tf.Tensor[] = [];
  const sources: BatchSource[] = [];
  try {
    let train: BatchSource;
    let validation: BatchSource | null = null;
    if ('dataset' in data) {
      if (options.validationSplit !== undefined)
        throw new ValidationError('validationSplit needs tensors; pass validationData for a dataset', {
          where: where('validationSplit'),
        });
      refuseTensorOptions(options, ['batchSize', 'shuffle', 'seed', 'sampleWeight'], where);
      const steps =
        options.stepsPerEpoch === undefined
          ? undefined
          : positiveInt(options.stepsPerEpoch, 1, where('stepsPerEpoch'));
      train = datasetBatches(data.dataset, model.inputNames, model.outputNames, steps);
    } else {
      if (options.stepsPerEpoch !== undefined)
        throw new ValidationError(
          'stepsPerEpoch applies to datasets; tensor inputs make one pass per epoch',
          { where: where('stepsPerEpoch') },
        );
      let x = toTensorList(data.x, model.inputNames, where('x'));
      let y = data.y === undefined ? [] : toTensorList(data.y, model.outputNames, where('y'));
      let w = options.sampleWeight ?? null;
      if (options.validationSplit !== undefined) {
        const all = [...x, ...y, ...(w ? [w] : [])];
        const [head, tail] = splitTensors(all, options.validationSplit);
        made.push(...head, ...tail);
        x = head.slice(0, x.length);
        y = head.slice(x.length, x.length + y.length);
        const vx = tail.slice(0, x.length);
        const vy = tail.slice(x.length, x.length + y.length);
        const vw = w ? tail.at(-1)! : null;
        w = w ? head.at(-1)! : null;
        validation = tensorBatches(vx, vy, vw, {
          batchSize: options.validationBatchSize ?? batchSize,
          shuffle: false,
        });
      }
      train = tensorBatches(x, y, w, {
        batchSize,
        shuffle: options.shuffle ?? true,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
      });
    }
    sources.push(train);
    if (options.validationData !== undefined) {
      if (validation)
        throw new ValidationError('Give validationSplit or validationData, not both', {
          where: where('validationData'),
        });
      const v = options.validationData;
      if (v instanceof Dataset && options.validationBatchSize !== undefined)
        throw new ValidationError(
          'validationBatchSize applies to tensor validationData; a dataset is batched already',
          { where: where('validationBatchSize') },
        );
      validation =
        v instanceof Dataset
          ? datasetBatches(v, model.inputNames, model.outputNames)
          : tensorBatches(
              toTensorList(v[0], model.inputNames, where('validationData[0]')),
              toTensorList(v[1], model.outputNames, where('validationData[1]')),
              v[2] ?? null,
              {
                batchSize: options.validationBatchSize ?? batchSize,
                shuffle: false,
              },
            );
    }
    if (validation) sources.push(validation);
    return await fitLoop(model, compiled, train, {
      epochs,
      initialEpoch,
      validation,
      validationFreq: positiveInt(options.validationFreq, 1, where('validationFreq')),
      classWeight: options.classWeight ?? null,
      callbacks: options.callbacks ?? [],
    });
  } finally {
    for (const s of sources) s.dispose();
    tf.dispose(made);
  }
}
