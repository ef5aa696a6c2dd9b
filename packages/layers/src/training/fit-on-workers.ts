import * as tf from '@tensorflow/tfjs-core';
import { registry, ValidationError } from '@tessera/core';
import type { History } from '../callbacks/history.js';
import type { Model } from '../model/model.js';
import { splitTensors } from './batch-source.js';
import { toTensorList } from './model-inputs.js';
import type { DataParallelTrainer, FitOptions, ModelInputs } from './training-types.js';

/** The plugin `fit(..., { workers })` hands training to. */
export const DATA_PARALLEL_TRAINER = 'trainer:data-parallel';

// Options of `fit` that the data-parallel loop cannot honour; each is refused by name rather than dropped.
const UNSUPPORTED = ['classWeight', 'sampleWeight', 'stepsPerEpoch', 'validationFreq'] as const;

/**
 * `fit(x, y, { workers })`: checks what data-parallel training can take, takes the validation split out here,
 * and runs the registered `trainer:data-parallel` plugin.
 * @throws ValidationError for a dataset or several inputs/outputs, options the workers cannot honour, a bad
 * `workers`, or when no trainer is registered (`registerCompress()` from `@tessera/compress` registers one)
 */
export async function fitOnWorkers(
  model: Model,
  data: { readonly x: ModelInputs; readonly y: ModelInputs | undefined },
  options: FitOptions,
): Promise<History> {
  const where = (o: string) => `${model.name}.fit({ ${o} })`;
  const workers = options.workers;
  if (!Number.isInteger(workers) || (workers as number) < 1)
    throw ValidationError.expected('an integer >= 1', workers, where('workers'));
  for (const name of UNSUPPORTED) {
    if (options[name] !== undefined)
      throw new ValidationError(`${name} is not supported with workers (data-parallel training)`, {
        where: where(name),
      });
  }
  if (!registry.has(DATA_PARALLEL_TRAINER))
    throw new ValidationError(
      `fit({ workers }) needs a "${DATA_PARALLEL_TRAINER}" plugin; call registerCompress() from @tessera/compress first`,
      { where: where('workers') },
    );
  const [x, ...moreX] = toTensorList(data.x, model.inputNames, where('x'));
  const [y, ...moreY] = data.y === undefined ? [] : toTensorList(data.y, model.outputNames, where('y'));
  if (!x || !y || moreX.length > 0 || moreY.length > 0)
    throw ValidationError.expected('one input tensor and one target tensor', data, where('workers'));
  const v = options.validationData as readonly unknown[] | undefined;
  if (v !== undefined && (!(v[0] instanceof tf.Tensor) || !(v[1] instanceof tf.Tensor) || v[2] !== undefined))
    throw ValidationError.expected('validationData as [x, y] tensors', v, where('validationData'));
  if (v !== undefined && options.validationSplit !== undefined)
    throw new ValidationError('Give validationSplit or validationData, not both', {
      where: where('validationData'),
    });
  const trainer = registry.get(DATA_PARALLEL_TRAINER).create(undefined) as DataParallelTrainer;
  const made: tf.Tensor[] = [];
  try {
    let trainX = x;
    let trainY = y;
    let validationData = v as readonly [tf.Tensor, tf.Tensor] | undefined;
    if (options.validationSplit !== undefined) {
      const [head, tail] = splitTensors([x, y], options.validationSplit);
      made.push(...head, ...tail);
      [trainX, trainY] = head as [tf.Tensor, tf.Tensor];
      validationData = tail as [tf.Tensor, tf.Tensor];
    }
    return await trainer(model, trainX, trainY, {
      workers: workers as number,
      ...options.workerOptions,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(options.epochs === undefined ? {} : { epochs: options.epochs }),
      ...(options.initialEpoch === undefined ? {} : { initialEpoch: options.initialEpoch }),
      ...(options.shuffle === undefined ? {} : { shuffle: options.shuffle }),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(validationData === undefined ? {} : { validationData }),
      ...(options.callbacks === undefined ? {} : { callbacks: options.callbacks }),
    });
  } finally {
    tf.dispose(made);
  }
}
