import * as tf from '@tensorflow/tfjs-core';
import { IOError, type Registry, readSafetensors, registry, writeSafetensors } from '@tessera/core';
import type { Model } from '../model/model.js';
import { deserializeModel } from '../model/model-plugins.js';
import type { SerializedLayer } from '../layer/layer-types.js';
import { serializeLayer } from '../layer/serialization.js';
import type { TrainingConfig } from '../training/compile.js';
import type { ModelFiles, ModelStore } from './model-store.js';
import { assignNamedWeights, namedWeights } from './model-weights.js';
import {
  type OptimizerStateManifest,
  optimizerStateFromFiles,
  optimizerStateToFiles,
} from './optimizer-files.js';

/** `model.json` of the Tessera format. */
export interface TesseraModelJson {
  readonly format: 'tessera.model';
  readonly version: 1;
  readonly generatedBy: string;
  /** The model as `{ className, config }`, recreated through the registry. */
  readonly topology: SerializedLayer;
  readonly weightsFile: string;
  /** The compile call (null parts were functions), or null when not compiled. */
  readonly training: TrainingConfig | null;
  readonly optimizer: { readonly file: string; readonly manifest: OptimizerStateManifest } | null;
}

export const MODEL_JSON = 'model.json';
export const WEIGHTS_FILE = 'model.safetensors';
export const OPTIMIZER_FILE = 'optimizer.safetensors';

/** Options of {@link saveModel}. */
export interface SaveModelOptions {
  /** Save the compile config and the optimizer state, to resume training (default true). */
  includeOptimizer?: boolean;
}

/** Options of {@link loadModel}. */
export interface LoadModelOptions {
  /** Where user layers and optimizers are looked up (default: the global registry). */
  registry?: Registry;
  /** Compile with the saved config and restore the optimizer state (default true, when saved). */
  compile?: boolean;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Writes a model in the Tessera format: `model.json` (topology through the registry, compile config),
 * `model.safetensors` (weights by path) and `optimizer.safetensors` (optimizer state). Reads tensors only
 * asynchronously.
 * @throws ValidationError when two weights share a name
 * @example
 * ```ts
 * const files = await modelToFiles(model);
 * ```
 */
export async function modelToFiles(model: Model, options: SaveModelOptions = {}): Promise<ModelFiles> {
  const weights = await writeSafetensors(namedWeights(model), { metadata: { format: 'tessera' } });
  const withOptimizer = (options.includeOptimizer ?? true) && model.compiled !== null;
  let optimizer: TesseraModelJson['optimizer'] = null;
  const files: ModelFiles = { [WEIGHTS_FILE]: weights };
  if (withOptimizer && model.compiled!.optimizer.state !== undefined) {
    const { manifest, bytes } = optimizerStateToFiles(await model.compiled!.optimizer.saveState());
    optimizer = { file: OPTIMIZER_FILE, manifest };
    files[OPTIMIZER_FILE] = bytes;
  }
  const json: TesseraModelJson = {
    format: 'tessera.model',
    version: 1,
    generatedBy: '@tessera/layers',
    topology: serializeLayer(model),
    weightsFile: WEIGHTS_FILE,
    training: withOptimizer ? model.compiled!.config : null,
    optimizer,
  };
  files[MODEL_JSON] = encoder.encode(`${JSON.stringify(json, null, 1)}\n`);
  return files;
}

function parseModelJson(files: ModelFiles, where: string): TesseraModelJson {
  const bytes = files[MODEL_JSON];
  if (!bytes)
    throw new IOError(`No ${MODEL_JSON} among the files (${Object.keys(files).join(', ') || 'none'})`, {
      where,
    });
  let json: TesseraModelJson;
  try {
    json = JSON.parse(decoder.decode(bytes)) as TesseraModelJson;
  } catch (e) {
    throw new IOError(`${MODEL_JSON} is not valid JSON: ${(e as Error).message}`, {
      where: `${where}/${MODEL_JSON}`,
      cause: e,
    });
  }
  if (json?.format !== 'tessera.model' || json.version !== 1) {
    throw new IOError(
      `Expected a Tessera model (format "tessera.model", version 1), found ${JSON.stringify(json?.format)}`,
      { where: `${where}/${MODEL_JSON}` },
    );
  }
  return json;
}

/**
 * Recreates a model from Tessera-format files: topology through the registry (user layers round-trip once
 * registered), weights checked name by name, and — when saved — the compile config and optimizer state.
 * @throws IOError for missing or corrupt files; WeightsMismatchError naming the file and weight that do not fit
 * @example
 * ```ts
 * const model = await modelFromFiles(files);
 * ```
 */
export async function modelFromFiles(
  files: ModelFiles,
  options: LoadModelOptions = {},
  where = 'model files',
): Promise<Model> {
  const json = parseModelJson(files, where);
  const weightsWhere = `${where}/${json.weightsFile}`;
  const bytes = files[json.weightsFile];
  if (!bytes) throw new IOError(`Missing weights file ${json.weightsFile}`, { where: weightsWhere });
  let contents: ReturnType<typeof readSafetensors>;
  try {
    contents = readSafetensors(bytes);
  } catch (e) {
    throw new IOError(`Invalid safetensors file: ${(e as Error).message}`, { where: weightsWhere, cause: e });
  }
  let model: Model | null = null;
  try {
    model = deserializeModel(json.topology, options.registry ?? registry);
    assignNamedWeights(model, contents.tensors, weightsWhere);
    const t = json.training;
    // A loss or optimizer given as an object cannot be saved; such models load uncompiled.
    if ((options.compile ?? true) && t?.optimizer && t.loss.every((l) => l !== null)) {
      const metrics = t.metrics.map((m) => m.filter((s) => s !== null));
      model.compile({
        optimizer: t.optimizer,
        loss: t.loss as NonNullable<(typeof t.loss)[number]>[],
        metrics:
          metrics.length === 1
            ? metrics[0]!
            : Object.fromEntries(model.outputNames.map((n, i) => [n, metrics[i] ?? []])),
        lossWeights: t.lossWeights,
      });
      if (json.optimizer) {
        const optWhere = `${where}/${json.optimizer.file}`;
        const optBytes = files[json.optimizer.file];
        if (!optBytes)
          throw new IOError(`Missing optimizer file ${json.optimizer.file}`, { where: optWhere });
        model.optimizer.restoreState(optimizerStateFromFiles(json.optimizer.manifest, optBytes, optWhere));
      }
    }
    return model;
  } catch (e) {
    model?.dispose();
    throw e;
  } finally {
    tf.dispose(Object.values(contents.tensors));
  }
}

/**
 * Saves a model to a {@link ModelStore} in the Tessera format.
 * @example
 * ```ts
 * import { directoryStore } from '@tessera/layers/node';
 * await saveModel(model, directoryStore('models/digits'));
 * ```
 */
export async function saveModel(
  model: Model,
  store: ModelStore,
  options: SaveModelOptions = {},
): Promise<void> {
  await store.save(await modelToFiles(model, options));
}

/**
 * Loads a Tessera-format model from a {@link ModelStore}.
 * @throws IOError / WeightsMismatchError as {@link modelFromFiles}, naming the store's location
 * @example
 * ```ts
 * const model = await loadModel(directoryStore('models/digits'));
 * ```
 */
export async function loadModel(store: ModelStore, options: LoadModelOptions = {}): Promise<Model> {
  return modelFromFiles(await store.load(), options, store.description);
}
