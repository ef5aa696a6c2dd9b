import { IOError, parseSafetensors, type RawTensor, serializeSafetensors } from '@tessera/core';
import type { SerializedLayer } from '@tessera/layers';
import type { QuantizedModel } from './quantize-model.js';
import type { Int8QuantizedTensor, QuantizationMode, StoredTensor } from './quantized-tensor.js';

interface Int8Info {
  readonly format: 'int8';
  readonly mode: QuantizationMode;
  readonly axis: number | null;
}
type StoredInfo = Int8Info | { readonly format: 'float16' | 'float32' };

/**
 * Encodes a {@link QuantizedModel} as one safetensors file: int8 codes as `I8` tensors named by weight path
 * with `<path>.scales` (`F32`) and `<path>.zero_points` (`I8`) beside them, float16 weights as `F16`, the
 * rest as `F32`; the topology and the quantisation scheme of each weight go in the `__metadata__`. Any
 * safetensors reader opens it; {@link decodeQuantizedModel} turns it back into a `QuantizedModel`.
 * @throws ValidationError when a weight path collides with a scales/zero-points name
 * @see https://github.com/huggingface/safetensors#format
 * @example
 * ```ts
 * await writeFile('model.int8.safetensors', encodeQuantizedModel(await quantizeModel(model)));
 * ```
 */
export function encodeQuantizedModel(quantized: QuantizedModel): Uint8Array {
  const tensors: Record<string, RawTensor> = {};
  const info: Record<string, StoredInfo> = {};
  for (const { path, tensor } of quantized.weights) {
    if (tensor.format === 'int8') {
      tensors[path] = { dtype: 'I8', shape: tensor.shape, data: tensor.values };
      tensors[`${path}.scales`] = { dtype: 'F32', shape: [tensor.scales.length], data: tensor.scales };
      tensors[`${path}.zero_points`] = {
        dtype: 'I8',
        shape: [tensor.zeroPoints.length],
        data: tensor.zeroPoints,
      };
      info[path] = { format: 'int8', mode: tensor.mode, axis: tensor.axis };
    } else if (tensor.format === 'float16') {
      tensors[path] = { dtype: 'F16', shape: tensor.shape, data: tensor.bits };
      info[path] = { format: 'float16' };
    } else {
      tensors[path] = { dtype: 'F32', shape: tensor.shape, data: tensor.values };
      info[path] = { format: 'float32' };
    }
  }
  return serializeSafetensors(tensors, {
    format: quantized.format,
    version: String(quantized.version),
    topology: JSON.stringify(quantized.topology),
    weights: JSON.stringify(quantized.weights.map((w) => [w.path, info[w.path]])),
  });
}

/**
 * Reads a file written by {@link encodeQuantizedModel}.
 * @throws IOError when the bytes are not such a file
 * @example
 * ```ts
 * const model = dequantizeModel(decodeQuantizedModel(await readFile('model.int8.safetensors')));
 * ```
 */
export function decodeQuantizedModel(bytes: Uint8Array): QuantizedModel {
  const where = 'decodeQuantizedModel';
  const { tensors, metadata } = parseSafetensors(bytes);
  if (metadata.format !== 'tessera.quantized-model' || metadata.version !== '1')
    throw new IOError(
      'Expected a quantised model file (metadata format "tessera.quantized-model", version 1)',
      { where },
    );
  let topology: SerializedLayer;
  let list: [string, StoredInfo][];
  try {
    topology = JSON.parse(metadata.topology ?? '');
    list = JSON.parse(metadata.weights ?? '');
  } catch (cause) {
    throw new IOError('The quantised model metadata is not valid JSON', { where, cause });
  }
  const need = (name: string): RawTensor => {
    const t = tensors[name];
    if (!t) throw new IOError(`The file lacks tensor "${name}"`, { where });
    return t;
  };
  const weights = list.map(([path, info]) => {
    const t = need(path);
    let tensor: StoredTensor;
    if (info.format === 'int8') {
      const q: Int8QuantizedTensor = {
        format: 'int8',
        shape: [...t.shape],
        mode: info.mode,
        axis: info.axis,
        values: t.data as Int8Array,
        scales: need(`${path}.scales`).data as Float32Array,
        zeroPoints: need(`${path}.zero_points`).data as Int8Array,
      };
      tensor = q;
    } else if (info.format === 'float16')
      tensor = { format: 'float16', shape: [...t.shape], bits: t.data as Uint16Array };
    else tensor = { format: 'float32', shape: [...t.shape], values: t.data as Float32Array };
    return { path, tensor };
  });
  return { format: 'tessera.quantized-model', version: 1, topology, weights };
}
