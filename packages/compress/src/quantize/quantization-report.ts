import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '@tessera/core';
import type { Model, ModelInputs } from '@tessera/layers';
import { accuracy, type Metric, type MetricInput } from '@tessera/metrics';
import { quantizedByteSize, type QuantizedModel, dequantizeModel } from './quantize-model.js';
import { encodeQuantizedModel } from './quantized-file.js';

/** Validation data and the metric to compare the float and quantised models on. */
export interface QuantizationReportOptions {
  readonly x: ModelInputs;
  /** Targets as the metric takes them (class indices or one-hot rows for accuracy). */
  readonly y: MetricInput;
  readonly batchSize?: number;
  /** Default: `accuracy()` from `@tessera/metrics` (argmax of the outputs against the labels). */
  readonly metric?: Metric<any, number>;
}

/** Size and quality of a quantised model against its float32 original. */
export interface QuantizationReport {
  /** The weights as float32. */
  readonly float32Bytes: number;
  /** The stored weights: codes, scales, zero points and the weights left in float32. */
  readonly quantizedBytes: number;
  /** `quantizedBytes / float32Bytes`. */
  readonly sizeRatio: number;
  /** The whole quantised file ({@link encodeQuantizedModel}: weights, topology, scheme). */
  readonly fileBytes: number;
  /** The same file with every weight float32. */
  readonly float32FileBytes: number;
  /** The metric on the float32 model, the dequantised model, and their difference (quantised − float). */
  readonly float32Score: number;
  readonly quantizedScore: number;
  readonly scoreChange: number;
}

async function score(model: Model, options: QuantizationReportOptions): Promise<number> {
  const metric = options.metric ?? accuracy();
  const predictions = await model.predict(options.x, { batchSize: options.batchSize ?? 256 });
  try {
    const output = Array.isArray(predictions) ? predictions[0]! : predictions;
    return metric.compute(await metric.update(metric.init(), options.y, output));
  } finally {
    tf.dispose(predictions);
  }
}

/**
 * Reports what post-training quantisation costs and saves: bytes of the weights and of the file before and
 * after, and the validation metric (accuracy by default) of the float model and of the quantised model
 * dequantised on load.
 * @throws ValidationError when `x` or `y` is missing
 * @example
 * ```ts
 * const report = await quantizationReport(model, await quantizeModel(model), { x: xTest, y: yTest });
 * console.log(report.sizeRatio, report.scoreChange);
 * ```
 */
export async function quantizationReport(
  model: Model,
  quantized: QuantizedModel,
  options: QuantizationReportOptions,
): Promise<QuantizationReport> {
  if (!options?.x || !options.y)
    throw ValidationError.expected('{ x, y } validation data', options, 'quantizationReport');
  const float32 = quantized.weights.reduce((n, w) => n + w.tensor.shape.reduce((a, b) => a * b, 1) * 4, 0);
  const asFloat: QuantizedModel = {
    ...quantized,
    weights: quantized.weights.map((w) => ({
      path: w.path,
      tensor: {
        format: 'float32',
        shape: w.tensor.shape,
        values: new Float32Array(w.tensor.shape.reduce((a, b) => a * b, 1)),
      },
    })),
  };
  const restored = dequantizeModel(quantized);
  try {
    const [float32Score, quantizedScore] = [await score(model, options), await score(restored, options)];
    const quantizedBytes = quantizedByteSize(quantized);
    return {
      float32Bytes: float32,
      quantizedBytes,
      sizeRatio: quantizedBytes / float32,
      fileBytes: encodeQuantizedModel(quantized).byteLength,
      float32FileBytes: encodeQuantizedModel(asFloat).byteLength,
      float32Score,
      quantizedScore,
      scoreChange: quantizedScore - float32Score,
    };
  } finally {
    restored.dispose();
  }
}
