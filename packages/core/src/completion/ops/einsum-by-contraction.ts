import * as tf from '@tensorflow/tfjs-core';
import { ValidationError } from '../../errors/index.js';

interface Labelled {
  readonly tensor: tf.Tensor;
  readonly labels: string;
}

const WHERE = 'einsum(equation)';
const product = (sizes: readonly number[]) => sizes.reduce((p, s) => p * s, 1);

/**
 * Evaluates an einsum equation (explicit `->` form, single-letter labels, no ellipsis and no repeated label
 * within one operand: the subset tfjs accepts) by contracting operands pairwise, left to right, each pair as
 * one batched matrix product. Why not broadcast-multiply-then-sum: a pairwise contraction never materialises
 * the outer product of all labels, and `BatchMatMul` is the fastest kernel most backends have.
 *
 * @throws {ValidationError} if the equation is malformed or unsupported, or sizes of a label disagree.
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { einsumByContraction } from '@tessera/core';
 * const scores = einsumByContraction('bqd,bkd->bqk', [tf.ones([2, 3, 4]), tf.ones([2, 5, 4])]); // [2, 3, 5]
 * ```
 * @see https://numpy.org/doc/stable/reference/generated/numpy.einsum.html
 */
export function einsumByContraction(equation: string, operands: readonly tf.Tensor[]): tf.Tensor {
  const { inputs, output } = parseEquation(equation, operands);
  return tf.tidy(() => {
    const keptAfter = (k: number) => new Set([...output, ...inputs.slice(k + 1).join('')]);
    let acc = sumOut({ tensor: operands[0]!, labels: inputs[0]! }, keptAfter(0));
    for (let k = 1; k < operands.length; k++) {
      acc = contractPair(acc, { tensor: operands[k]!, labels: inputs[k]! }, keptAfter(k));
    }
    acc = sumOut(acc, new Set(output));
    return permute(acc, output);
  });
}

function parseEquation(equation: string, operands: readonly tf.Tensor[]) {
  const eq = String(equation).replace(/\s/g, '');
  const sides = eq.split('->');
  if (sides.length !== 2 || !/^[a-zA-Z,]*$/.test(sides[0]!) || !/^[a-zA-Z]*$/.test(sides[1]!)) {
    throw ValidationError.expected(
      "an equation like 'ij,jk->ik' (letters, commas and one '->')",
      equation,
      WHERE,
    );
  }
  const inputs = sides[0]!.split(',');
  const output = sides[1]!;
  if (inputs.length !== operands.length) {
    throw ValidationError.expected(`${operands.length} input terms`, equation, WHERE);
  }
  const sizes = new Map<string, number>();
  inputs.forEach((term, i) => {
    const shape = operands[i]!.shape;
    if (term.length !== shape.length || new Set(term).size !== term.length) {
      throw ValidationError.expected(`term ${i} with ${shape.length} distinct labels`, term, WHERE);
    }
    [...term].forEach((label, axis) => {
      const seen = sizes.get(label);
      if (seen !== undefined && seen !== shape[axis]) {
        throw ValidationError.expected(`label '${label}' of size ${seen} everywhere`, shape[axis], WHERE);
      }
      sizes.set(label, shape[axis]!);
    });
  });
  if (new Set(output).size !== output.length || [...output].some((l) => !sizes.has(l))) {
    throw ValidationError.expected('distinct output labels that occur in the inputs', output, WHERE);
  }
  return { inputs, output };
}

/** Sums over every label of `x` that is not in `keep`. */
function sumOut(x: Labelled, keep: ReadonlySet<string>): Labelled {
  const axes = [...x.labels].flatMap((l, axis) => (keep.has(l) ? [] : [axis]));
  if (axes.length === 0) return x;
  return { tensor: tf.sum(x.tensor, axes), labels: [...x.labels].filter((l) => keep.has(l)).join('') };
}

function permute(x: Labelled, order: string): tf.Tensor {
  if (x.labels === order) return x.tensor;
  return tf.transpose(
    x.tensor,
    [...order].map((l) => x.labels.indexOf(l)),
  );
}

function contractPair(a: Labelled, b: Labelled, keep: ReadonlySet<string>): Labelled {
  const inA = new Set(a.labels);
  const inB = new Set(b.labels);
  a = sumOut(a, new Set([...keep, ...inB]));
  b = sumOut(b, new Set([...keep, ...inA]));
  const shared = [...a.labels].filter((l) => inB.has(l));
  const batch = shared.filter((l) => keep.has(l)).join('');
  const contracted = shared.filter((l) => !keep.has(l)).join('');
  const aFree = [...a.labels].filter((l) => !inB.has(l)).join('');
  const bFree = [...b.labels].filter((l) => !inA.has(l)).join('');
  const size = (x: Labelled, labels: string) => [...labels].map((l) => x.tensor.shape[x.labels.indexOf(l)]!);
  const a3 = tf.reshape(permute(a, batch + aFree + contracted), [
    product(size(a, batch)),
    product(size(a, aFree)),
    product(size(a, contracted)),
  ]);
  const b3 = tf.reshape(permute(b, batch + contracted + bFree), [
    product(size(b, batch)),
    product(size(b, contracted)),
    product(size(b, bFree)),
  ]);
  const shape = [...size(a, batch), ...size(a, aFree), ...size(b, bFree)];
  return { tensor: tf.reshape(tf.matMul(a3, b3), shape), labels: batch + aFree + bFree };
}
