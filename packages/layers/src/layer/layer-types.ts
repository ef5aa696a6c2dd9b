import type * as tf from '@tensorflow/tfjs-core';

/** A tensor shape as layers see it: `null` marks a dimension not known until call time (the batch). */
export type Shape = readonly (number | null)[];

/** A boolean (or 0/1) mask over the leading dimensions of a tensor, or `null` for "everything valid". */
export type Mask = tf.Tensor | null;

/** What a layer takes: one tensor, or several for merge and attention layers. */
export type LayerInputs = tf.Tensor | readonly tf.Tensor[];

/** What a layer returns: one tensor, or several (an RNN's sequence and states, attention and its scores). */
export type LayerOutputs = tf.Tensor | tf.Tensor[];

/**
 * Per-call options. `training` switches dropout, noise and batch statistics on; `mask` is the Keras-style
 * mask of the inputs (one per input for multi-input layers); `seed` fixes this call's randomness (otherwise
 * the layer derives a fresh seed from its own seed and a call counter).
 */
export interface CallOptions {
  training?: boolean;
  mask?: Mask | readonly Mask[];
  seed?: number;
}

/** What {@link Layer.call} hands to a layer's forward implementation. */
export interface ForwardContext {
  readonly training: boolean;
  readonly mask: Mask | readonly Mask[];
  /** The next seed of this call's random stream; each random op in a call takes its own. */
  nextSeed(): number;
}

/**
 * Options every layer accepts. `seed` drives weight initialisation and training-time randomness; when
 * omitted one is drawn and recorded in `getConfig()` so a reloaded layer reproduces the original.
 */
export interface LayerConfig {
  name?: string;
  trainable?: boolean;
  seed?: number;
}

/** A layer as plain JSON: its registered class name (`layer:<className>`) and its config. */
export interface SerializedLayer {
  readonly className: string;
  readonly config: Record<string, unknown>;
}
