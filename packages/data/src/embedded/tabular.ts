import * as tf from '@tensorflow/tfjs-core';
import { decodeEmbedded, parseNumericRows } from './decode.js';

/**
 * A small table of numeric features with one target per row, as scikit-learn's `load_*` functions return
 * (`data`, `target`, `feature_names`, `target_names`). Plain arrays: JSON-friendly and free of tensors.
 */
export interface TabularData {
  /** One row per sample, one column per feature. */
  features: number[][];
  /** Class index (classification) or value (regression) per sample. */
  targets: number[];
  featureNames: string[];
  /** Class names for classification sets, `null` for regression. */
  targetNames: string[] | null;
  /** Origin, authors and licence of the data; keep it with any copy. */
  attribution: string;
}

/** Tensor form of {@link TabularData}; the caller owns (disposes) both tensors. */
export interface TabularTensors {
  /** `[numSamples, numFeatures]` float32. */
  features: tf.Tensor2D;
  /** `[numSamples]`: int32 class indices, or float32 values for regression. */
  targets: tf.Tensor1D;
}

/**
 * Converts a {@link TabularData} to tensors (int32 targets for classification, float32 for regression).
 * @example
 * ```ts
 * const { features, targets } = tabularToTensors(loadIrisData()); // [150, 4], [150]
 * ```
 */
export function tabularToTensors(data: TabularData): TabularTensors {
  const dtype = data.targetNames ? 'int32' : 'float32';
  return {
    features: tf.tensor2d(data.features, [data.features.length, data.featureNames.length], 'float32'),
    targets: tf.tensor1d(data.targets, dtype),
  };
}

const headered = new Map<string, { classNames: string[]; rows: number[][] }>();
const plain = new Map<string, number[][]>();

/**
 * Parses a scikit-learn style CSV whose first line is `nSamples,nFeatures,class names…` and whose last
 * column is the class; decoded once, then copied per call so callers may mutate. @internal
 */
export function loadHeaderedCsv(
  base64: string,
  name: string,
  featureNames: readonly string[],
  attribution: string,
): TabularData {
  let table = headered.get(name);
  if (!table) {
    const text = decodeEmbedded(base64, name);
    const newline = text.indexOf('\n');
    table = {
      classNames: text.slice(0, newline).trim().split(',').slice(2),
      rows: parseNumericRows(text.slice(newline + 1), ','),
    };
    headered.set(name, table);
  }
  const width = featureNames.length;
  return {
    features: table.rows.map((r) => r.slice(0, width)),
    targets: table.rows.map((r) => r[width] as number),
    featureNames: featureNames.slice(),
    targetNames: table.classNames.slice(),
    attribution,
  };
}

/** Parses separator-delimited numeric text once and returns a fresh copy per call. @internal */
export function loadNumericTable(base64: string, name: string, separator: RegExp | string): number[][] {
  let rows = plain.get(name);
  if (!rows) {
    rows = parseNumericRows(decodeEmbedded(base64, name), separator);
    plain.set(name, rows);
  }
  return rows.map((r) => r.slice());
}
