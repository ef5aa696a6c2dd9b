import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { IOError } from '@tessera/core';

const MODEL_JSON = 'model.json';
const WEIGHTS = 'weights.bin';

/**
 * A tfjs IO handler over a directory in the TensorFlow.js layers format: `model.json` (topology and
 * weights manifest) and the weight shards it lists (`weights.bin` when saving, as tfjs-node writes).
 * Pass it to `saveTfjsModel` / `loadTfjsModel`, or to tfjs-layers itself. A path ending in `.json` names the
 * `model.json` file directly.
 * @example
 * ```ts
 * import { tfjsDirectory } from '@tessera/layers/node';
 * await saveTfjsModel(model, tfjsDirectory('exported/cnn'));
 * const again = await loadTfjsModel(tfjsDirectory('exported/cnn/model.json'));
 * ```
 */
export function tfjsDirectory(path: string): tf.io.IOHandler {
  const jsonPath = path.endsWith('.json') ? path : join(path, MODEL_JSON);
  const directory = dirname(jsonPath);
  return {
    async save(artifacts) {
      if (artifacts.modelTopology instanceof ArrayBuffer)
        throw new IOError('Only JSON topologies can be saved', { where: jsonPath });
      const data = artifacts.weightData
        ? tf.io.concatenateArrayBuffers(artifacts.weightData as ArrayBuffer | ArrayBuffer[])
        : new ArrayBuffer(0);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology!,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy ?? '@tessera/layers',
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [WEIGHTS], weights: artifacts.weightSpecs ?? [] }],
      };
      try {
        await mkdir(directory, { recursive: true });
        await writeFile(join(directory, WEIGHTS), new Uint8Array(data));
        await writeFile(jsonPath, JSON.stringify(modelJson));
      } catch (e) {
        throw new IOError(`Could not write the model: ${(e as Error).message}`, {
          where: directory,
          cause: e,
        });
      }
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          weightDataBytes: data.byteLength,
        },
      };
    },
    async load() {
      let modelJson: tf.io.ModelJSON;
      try {
        modelJson = JSON.parse(await readFile(jsonPath, 'utf8')) as tf.io.ModelJSON;
      } catch (e) {
        throw new IOError(`Could not read model.json: ${(e as Error).message}`, {
          where: jsonPath,
          cause: e,
        });
      }
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          for (const p of group.paths) {
            const file = join(directory, p);
            try {
              const bytes = await readFile(file);
              buffers.push(
                bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
              );
            } catch (e) {
              throw new IOError(`Could not read a weight shard: ${(e as Error).message}`, {
                where: file,
                cause: e,
              });
            }
          }
        }
        return [tf.io.getWeightSpecs(manifest), tf.io.concatenateArrayBuffers(buffers)];
      });
    },
  };
}
