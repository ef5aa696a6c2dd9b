import { type ActivationFunction, resolveActivation } from '../../activations/activation.js';
import type { PluginSpec } from '../../layer/plugin-spec.js';
import type { RecurrentConfig } from './recurrent-config.js';
import { RecurrentLayer } from './recurrent-layer.js';

/** Config of a {@link GatedRecurrentLayer} ({@link GRU}, {@link LSTM}). */
export interface GatedRecurrentConfig extends RecurrentConfig {
  /** Gate activation, default `'sigmoid'`. */
  recurrentActivation?: PluginSpec;
}

/**
 * A {@link RecurrentLayer} whose cell has gates ({@link GRU}, {@link LSTM}): it adds the gates' activation,
 * `recurrentActivation` (Keras's name), resolved once and saved in the config.
 */
export abstract class GatedRecurrentLayer extends RecurrentLayer {
  readonly recurrentActivation: PluginSpec;
  /** The resolved `recurrentActivation`. */
  protected readonly recurrentActivationFn: ActivationFunction;

  protected constructor(
    className: string,
    config: GatedRecurrentConfig,
    cell: { gates: number; states: number },
  ) {
    super(className, config, cell);
    this.recurrentActivation = config.recurrentActivation ?? 'sigmoid';
    this.recurrentActivationFn = resolveActivation(
      this.recurrentActivation,
      undefined,
      this.where('recurrentActivation'),
    )!;
  }

  protected override layerConfig(): Record<string, unknown> {
    return { ...super.layerConfig(), recurrentActivation: this.recurrentActivation };
  }
}
