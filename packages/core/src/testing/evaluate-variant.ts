import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from '../errors/index.js';
import type { ReadTensor } from './compare-results.js';
import type { CaseVariant } from './conformance-types.js';
import { seededFloats, sizeOf, valuesFor } from './seeded-values.js';

/** One compared quantity: a forward output or a gradient, read back with `await data()`. */
export interface NamedReadTensor extends ReadTensor {
  /** `'output 0'`, `'gradient d/dx'`. */
  readonly name: string;
}

/** What one variant produced on one backend, and how many tensors and data buffers it left behind. */
export interface VariantEvaluation {
  readonly results: NamedReadTensor[];
  readonly leakedTensors: number;
  readonly leakedDataIds: number;
}

const asList = (y: tf.Tensor | tf.Tensor[]): tf.Tensor[] => (Array.isArray(y) ? y : [y]);

/**
 * Activates `backend`, builds the variant's seeded inputs there, computes its outputs and (when asked) the
 * gradients of `Σ_i ⟨y_i, r_i⟩` for seeded cotangents `r_i` with respect to every differentiable input,
 * reads everything with `await data()` and disposes it.
 *
 * @throws BackendError when `backend` cannot be activated; whatever the kernels throw otherwise
 */
export async function evaluateVariant(
  caseName: string,
  variant: CaseVariant,
  backend: string,
): Promise<VariantEvaluation> {
  if (!(await tf.setBackend(backend))) {
    throw new BackendError(`Backend "${backend}" could not be activated (is it registered and available?)`, {
      where: `conformance case "${caseName}"`,
    });
  }
  const engineBackend = tf.engine().backend;
  const tensorsBefore = tf.memory().numTensors;
  const dataIdsBefore = engineBackend.numDataIds();
  const seedKey = `${caseName}|${variant.label}`;
  const created: tf.Tensor[] = [];
  const results: NamedReadTensor[] = [];
  try {
    const inputs: Record<string, tf.Tensor> = {};
    for (const [name, spec] of Object.entries(variant.inputs)) {
      const t = tf.tensor(valuesFor(`${seedKey}|${name}`, spec), [...spec.shape], spec.dtype ?? 'float32');
      inputs[name] = t;
      created.push(t);
    }
    const outputs = tf.tidy(() => asList(variant.fn(inputs)));
    created.push(...outputs);
    const reads = outputs.map((y, i) => ({ name: `output ${i}`, tensor: y }));

    const gradNames = Object.entries(variant.inputs)
      .filter(([, spec]) => spec.grad ?? (spec.dtype ?? 'float32') === 'float32')
      .map(([name]) => name);
    const differentiable = outputs.every((y) => y.dtype === 'float32');
    if ((variant.gradients ?? differentiable) && gradNames.length > 0) {
      const cotangents = outputs.map((y, i) =>
        tf.tensor(seededFloats(`${seedKey}|dy${i}`, sizeOf(y.shape)), y.shape),
      );
      created.push(...cotangents);
      const objective = (...xs: tf.Tensor[]): tf.Tensor => {
        const args = { ...inputs };
        gradNames.forEach((name, i) => {
          args[name] = xs[i]!;
        });
        const ys = asList(variant.fn(args));
        if (ys.length === 1) return ys[0]!;
        return tf.addN(ys.map((y, i) => tf.sum(tf.mul(y, cotangents[i]!))));
      };
      const xs = gradNames.map((name) => inputs[name]!);
      const grads = tf.tidy(() => tf.grads(objective)(xs, outputs.length === 1 ? cotangents[0] : undefined));
      created.push(...grads);
      grads.forEach((g, i) => {
        reads.push({ name: `gradient d/d${gradNames[i]}`, tensor: g });
      });
    }
    // Copied, in case a backend hands out views of memory it reuses once the tensors are disposed.
    const values = await Promise.all(reads.map(async ({ tensor }) => (await tensor.data()).slice()));
    reads.forEach(({ name, tensor }, i) => {
      results.push({
        name,
        shape: tensor.shape,
        dtype: tensor.dtype,
        values: values[i] as ArrayLike<number>,
      });
    });
  } finally {
    for (const t of created) t.dispose();
  }
  return {
    results,
    leakedTensors: tf.memory().numTensors - tensorsBefore,
    leakedDataIds: engineBackend.numDataIds() - dataIdsBefore,
  };
}
