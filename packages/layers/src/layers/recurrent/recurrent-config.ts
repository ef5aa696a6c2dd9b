import type * as tf from '@tensorflow/tfjs-core';
import { bool, positiveInt, rate } from '../../layer/config-checks.js';
import type { CallOptions, LayerConfig } from '../../layer/layer-types.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';

/** Options shared by `SimpleRNN`, `LSTM` and `GRU` (Keras names and defaults). */
export interface RecurrentConfig extends LayerConfig {
  units: number;
  /** Default `'tanh'`. */
  activation?: PluginSpec | null;
  useBias?: boolean;
  /** Default Glorot uniform. */
  kernelInitializer?: PluginSpec;
  /** Default orthogonal. */
  recurrentInitializer?: PluginSpec;
  biasInitializer?: PluginSpec;
  kernelRegularizer?: PluginSpec | null;
  recurrentRegularizer?: PluginSpec | null;
  biasRegularizer?: PluginSpec | null;
  kernelConstraint?: PluginSpec | null;
  recurrentConstraint?: PluginSpec | null;
  biasConstraint?: PluginSpec | null;
  /** Fraction of input features dropped in training (one mask for all steps). */
  dropout?: number;
  /** Fraction of state units dropped before the recurrent kernel in training (one mask for all steps). */
  recurrentDropout?: number;
  /** Return every step's output `[b, steps, units]` instead of the last `[b, units]`. */
  returnSequences?: boolean;
  /** Also return the final states: `[output, ...states]`. */
  returnState?: boolean;
  /** Process the sequence backwards (outputs come reversed, as in Keras). */
  goBackwards?: boolean;
  /** Masked steps output zeros instead of repeating the previous output (Keras `zero_output_for_mask`). */
  zeroOutputForMask?: boolean;
}

/** Per-call options of the recurrent layers. */
export interface RecurrentCallOptions extends CallOptions {
  /** Initial states (`[h]`, or `[h, c]` for LSTM), each `[batch, units]`; zeros by default. */
  initialState?: readonly tf.Tensor[];
}

/** The resolved shared options. @internal */
export type RecurrentSettings = Required<Omit<RecurrentConfig, keyof LayerConfig>>;

/** Validates the shared options and fills Keras's defaults. @internal */
export function recurrentSettings(config: RecurrentConfig, where: string): RecurrentSettings {
  return {
    units: positiveInt(config.units, `${where}.units`),
    activation: config.activation === undefined ? 'tanh' : config.activation,
    useBias: bool(config.useBias, true, `${where}.useBias`),
    kernelInitializer: config.kernelInitializer ?? 'glorotUniform',
    recurrentInitializer: config.recurrentInitializer ?? 'orthogonal',
    biasInitializer: config.biasInitializer ?? 'zeros',
    kernelRegularizer: config.kernelRegularizer ?? null,
    recurrentRegularizer: config.recurrentRegularizer ?? null,
    biasRegularizer: config.biasRegularizer ?? null,
    kernelConstraint: config.kernelConstraint ?? null,
    recurrentConstraint: config.recurrentConstraint ?? null,
    biasConstraint: config.biasConstraint ?? null,
    dropout: rate(config.dropout, 0, `${where}.dropout`),
    recurrentDropout: rate(config.recurrentDropout, 0, `${where}.recurrentDropout`),
    returnSequences: bool(config.returnSequences, false, `${where}.returnSequences`),
    returnState: bool(config.returnState, false, `${where}.returnState`),
    goBackwards: bool(config.goBackwards, false, `${where}.goBackwards`),
    zeroOutputForMask: bool(config.zeroOutputForMask, false, `${where}.zeroOutputForMask`),
  };
}
