import type * as tf from '@tensorflow/tfjs-core';
import { IOError } from '@tessera/core';
import { type Model, modelToTfjsArtifacts, tfjsWeightNames } from '@tessera/layers';
import { encodeTfjsWeights, type TfjsWeightEncodingOptions } from './tfjs-weights.js';

/**
 * The model as TensorFlow.js layers artifacts (topology from `@tessera/layers`) with quantised weights in
 * the manifest (`uint8` by default, `uint16` or `float16`; kernels only unless `include` says otherwise), so
 * `tf.loadLayersModel` loads it and dequantises on load. uint8 weights take a quarter of the float32 bytes.
 * tfjs's manifest has one scale per tensor, so this export is per-tensor affine even when the model's own
 * int8 storage ({@link quantizeModel}) is per channel.
 * @throws IOError when the model has no Keras form
 * @see https://www.tensorflow.org/js/guide/conversion (the converter's `--quantize_uint8` produces the same)
 * @example
 * ```ts
 * const artifacts = await quantizedTfjsArtifacts(model, { quantization: 'uint8' });
 * await tfjsDirectory('out/model').save(artifacts); // Node, from @tessera/layers/node
 * ```
 */
export async function quantizedTfjsArtifacts(
  model: Model,
  options: TfjsWeightEncodingOptions = {},
): Promise<tf.io.ModelArtifacts> {
  const artifacts = await modelToTfjsArtifacts(model);
  const named = tfjsWeightNames(model);
  const values = await Promise.all(named.map(([, w]) => w.variable.data() as Promise<Float32Array>));
  const { data, specs } = encodeTfjsWeights(
    named.map(([name, w], i) => ({ name, shape: w.shape, values: values[i]! })),
    options,
  );
  const expected = artifacts.weightSpecs?.map((s) => s.name).join(',');
  if (expected !== specs.map((s) => s.name).join(','))
    throw new IOError('The tfjs weight names changed between topology and weights', {
      where: 'quantizedTfjsArtifacts',
    });
  return { ...artifacts, weightSpecs: specs, weightData: data, generatedBy: '@tessera/compress' };
}
