import * as tf from '@tensorflow/tfjs-core';

const counts = new Map<string, number>();

/** `MultiHeadAttention` → `multi_head_attention`, `Conv2D` → `conv2d`, as Keras names layers. @internal */
export function snakeCase(className: string): string {
  // Keras's rule, so default names match Keras's (`Conv2D` → `conv2d`, `MaxPooling2D` → `max_pooling2d`).
  return className
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** A process-unique default layer name: `dense`, `dense_1`, ... @internal */
export function uniqueLayerName(className: string): string {
  const base = snakeCase(className);
  const n = counts.get(base) ?? 0;
  counts.set(base, n + 1);
  return n === 0 ? base : `${base}_${n}`;
}

/**
 * tfjs requires variable names to be unique in the engine; two models may both hold `dense/kernel`, so the
 * variable gets a numeric suffix when its path is taken (the weight's own `path` stays clean). @internal
 */
export function uniqueVariableName(path: string): string {
  const taken = tf.engine().registeredVariables;
  if (!(path in taken)) return path;
  let i = 1;
  while (`${path}_${i}` in taken) i++;
  return `${path}_${i}`;
}
