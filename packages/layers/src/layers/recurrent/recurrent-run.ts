import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, ValidationError } from '@tessera/core';
import { checkLastDim, requireRank, singleInput, singleMask, singleShape } from '../../layer/layer-inputs.js';
import type { ForwardContext, LayerInputs, Mask, Shape } from '../../layer/layer-types.js';
import { dense } from '../../ops/dense.js';
import { dropout } from '../../ops/noise.js';
import { rnn } from '../../ops/rnn.js';
import type { RecurrentCallOptions, RecurrentSettings } from './recurrent-config.js';

/** A cell step over the input projection; `recurrentMask` (or null) scales the state before `U`. @internal */
export type ProjectedStep = (
  xw: tf.Tensor2D,
  states: readonly tf.Tensor2D[],
  recurrentMask: tf.Tensor2D | null,
) => { output: tf.Tensor2D; states: tf.Tensor2D[] };

/**
 * The part every recurrent layer shares: input dropout, the input projection for all steps at once (one
 * matmul instead of one per step), the masked loop, and Keras's output assembly.
 * @internal
 */
export function runRecurrent(args: {
  inputs: LayerInputs;
  context: ForwardContext;
  options: RecurrentCallOptions;
  settings: RecurrentSettings;
  stateCount: number;
  kernel: tf.Tensor;
  inputBias: tf.Tensor | null;
  step: ProjectedStep;
  where: string;
}): tf.Tensor | tf.Tensor[] {
  const { context, settings: s, where } = args;
  let x = singleInput(args.inputs, where) as tf.Tensor3D;
  requireRank(x.shape, 3, where);
  checkLastDim(x, args.kernel.shape[0]!, where);
  const [batch, steps, features] = x.shape;
  const initial = initialStates(args.options.initialState, args.stateCount, batch, s.units, where);
  if (context.training && s.dropout > 0)
    x = dropout(x, s.dropout, context.nextSeed(), [batch, 1, features]) as tf.Tensor3D;
  const xw = dense(x, args.kernel, args.inputBias) as tf.Tensor3D;
  const recurrentMask =
    context.training && s.recurrentDropout > 0
      ? (dropout(tf.ones([batch, s.units]), s.recurrentDropout, context.nextSeed()) as tf.Tensor2D)
      : null;
  const mask = singleMask(context.mask);
  if (mask && !tf.util.arraysEqual(mask.shape, [batch, steps]))
    throw ShapeError.mismatch([batch, steps], mask.shape, `${where} mask`);
  const result = rnn((xt, states) => args.step(xt, states, recurrentMask), xw, initial, {
    mask,
    goBackwards: s.goBackwards,
    zeroOutputForMask: s.zeroOutputForMask,
  });
  const output = s.returnSequences ? result.outputs : result.lastOutput;
  return s.returnState ? [output, ...result.states] : output;
}

function initialStates(
  given: readonly tf.Tensor[] | undefined,
  count: number,
  batch: number,
  units: number,
  where: string,
): tf.Tensor2D[] {
  if (given === undefined) return Array.from({ length: count }, () => tf.zeros([batch, units]));
  if (!Array.isArray(given) || given.length !== count)
    throw ValidationError.expected(`${count} initial state tensors`, given, `${where} initialState`);
  return given.map((t) => {
    if (!tf.util.arraysEqual(t.shape, [batch, units]))
      throw ShapeError.mismatch([batch, units], t.shape, `${where} initialState`);
    return t as tf.Tensor2D;
  });
}

/** Output shape(s) of a recurrent layer. @internal */
export function recurrentOutputShape(
  inputShape: Shape | readonly Shape[],
  s: RecurrentSettings,
  stateCount: number,
  where: string,
): Shape | Shape[] {
  const shape = singleShape(inputShape, where);
  requireRank(shape, 3, where);
  const batch = shape[0] ?? null;
  const output: Shape = s.returnSequences ? [batch, shape[1] ?? null, s.units] : [batch, s.units];
  if (!s.returnState) return output;
  return [output, ...Array.from({ length: stateCount }, (): Shape => [batch, s.units])];
}

/** Keras's recurrent mask rule: the sequence mask passes through only with `returnSequences`. @internal */
export function recurrentMask(
  mask: Mask | readonly Mask[] | null,
  s: RecurrentSettings,
  stateCount: number,
): Mask | Mask[] {
  const out = s.returnSequences ? singleMask(mask ?? null) : null;
  return s.returnState ? [out, ...new Array<Mask>(stateCount).fill(null)] : out;
}
