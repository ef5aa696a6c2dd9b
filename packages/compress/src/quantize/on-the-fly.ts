import * as tf from '@tensorflow/tfjs-core';
import { IOError } from '@tessera/core';
import { deserializeModel, type Model, modelWeightPaths, type SerializedLayer } from '@tessera/layers';
import { registerCompress } from '../register.js';
import { packInt8Codes } from './packed-codes.js';
import { dequantizeStored, type QuantizedModel } from './quantize-model.js';
import type { Int8QuantizedTensor } from './quantized-tensor.js';

const MODEL_CLASSES = new Set(['Sequential', 'Functional', 'Model']);
const SUFFIXES = ['kernel_codes', 'kernel_scales', 'kernel_zero_points'] as const;

/** The model's layers, rewritten; `prefix` is the path of the model relative to the top one. */
function rewriteLayers(
  model: SerializedLayer,
  prefix: string,
  int8: ReadonlyMap<string, Int8QuantizedTensor>,
): SerializedLayer {
  const entries = (model.config.layers ?? []) as SerializedLayer[];
  const layers = entries.map((e) => ({
    ...e,
    ...rewrite({ className: e.className, config: e.config }, prefix, int8),
  }));
  return { className: model.className, config: { ...model.config, layers } };
}

/** Replaces a Dense/Conv2D layer whose kernel is stored int8 along the last axis by an Int8Kernel layer. */
function rewrite(
  serialized: SerializedLayer,
  prefix: string,
  int8: ReadonlyMap<string, Int8QuantizedTensor>,
): SerializedLayer {
  const name = String(serialized.config.name ?? '');
  if (MODEL_CLASSES.has(serialized.className)) return rewriteLayers(serialized, `${prefix}${name}/`, int8);
  const q = int8.get(`${prefix}${name}/kernel`);
  const lastAxis = q && (q.axis === null || q.axis === -1 || q.axis === q.shape.length - 1);
  if (!q || !lastAxis || !['Dense', 'Conv2D'].includes(serialized.className)) return serialized;
  return { className: 'Int8Kernel', config: { name, layer: serialized } };
}

/**
 * Builds the model of `quantized` so that it dequantises on the fly: every Dense or Conv2D kernel stored as
 * int8 (per output channel or per tensor) stays int8 in memory — packed codes plus scales, about 1⅓ bytes
 * per weight instead of 4 — and is expanded inside each call ({@link Int8Kernel}); the other weights are
 * dequantised on load. Outputs equal those of {@link dequantizeModel}'s model. For inference; the caller
 * disposes the model. Registers the package's layer plugins.
 * @throws IOError when the stored weights do not fit the topology
 * @example
 * ```ts
 * const small = quantizedModelOnTheFly(await quantizeModel(model));
 * const logits = small.predict(x);
 * ```
 */
export function quantizedModelOnTheFly(quantized: QuantizedModel): Model {
  registerCompress();
  const where = 'quantizedModelOnTheFly';
  const top = quantized.topology;
  const int8 = new Map(
    quantized.weights
      .filter((w) => w.tensor.format === 'int8')
      .map((w) => [w.path, w.tensor as Int8QuantizedTensor]),
  );
  // Paths are relative to the top model, so its own layers start without a prefix.
  const model = deserializeModel(rewriteLayers(top, '', int8));
  try {
    const stored = new Map(quantized.weights.map((w) => [w.path, w.tensor]));
    const values = modelWeightPaths(model).map((path, i) => {
      const shape = model.weights[i]!.shape;
      const suffix = SUFFIXES.find((s) => path.endsWith(`/${s}`));
      if (suffix) {
        const q = int8.get(`${path.slice(0, -suffix.length)}kernel`)!;
        const data =
          suffix === 'kernel_codes'
            ? packInt8Codes(q.values)
            : suffix === 'kernel_scales'
              ? q.scales
              : Float32Array.from(q.zeroPoints);
        const channels = shape[0]!;
        // A per-tensor scale serves every channel.
        const full = data.length === channels ? data : new Float32Array(channels).fill(data[0]!);
        return tf.tensor(full, shape);
      }
      const s = stored.get(path);
      if (!s) throw new IOError(`The quantised model lacks weight "${path}"`, { where });
      return tf.tensor(dequantizeStored(s), shape);
    });
    try {
      model.setWeights(values);
    } finally {
      tf.dispose(values);
    }
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}
