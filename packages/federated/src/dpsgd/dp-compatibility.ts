import { TesseraError } from '@tessera/core';
import type { Layer } from '@tessera/layers';

/** Layers whose output for one example depends on the other examples of the batch. */
const MIXING_LAYERS: Readonly<Record<string, string>> = {
  BatchNormalization: 'it normalises with statistics of the whole batch',
};

/**
 * A model contains a layer that mixes examples within a batch, so per-example gradients — and with them
 * the DP-SGD guarantee — do not exist. Code `E_DP_INCOMPATIBLE`. `layer` names the offending layer.
 *
 * @example
 * ```ts
 * try { assertDpCompatible(model); } catch (e) { if (e instanceof DpIncompatibleLayerError) console.log(e.layer); }
 * ```
 */
export class DpIncompatibleLayerError extends TesseraError {
  readonly layer: string;
  constructor(layer: string, className: string, why: string) {
    super(
      'E_DP_INCOMPATIBLE',
      `Layer "${layer}" (${className}) cannot be trained with DP-SGD: ${why}, so one example's gradient depends ` +
        'on the others and per-example clipping bounds nothing. Replace it with LayerNormalization (or a ' +
        'GroupNorm-style per-example normalisation).',
      { where: 'assertDpCompatible(model)' },
    );
    this.layer = layer;
  }
}

/**
 * Refuses models DP-SGD cannot train privately: any layer, however deeply nested, that mixes examples in a
 * batch (BatchNormalization), as Opacus's module validator does.
 *
 * @example
 * ```ts
 * assertDpCompatible(model); // throws for a model with BatchNormalization
 * ```
 * @throws {@link DpIncompatibleLayerError} naming the first such layer.
 * @see Opacus `ModuleValidator` (BatchNorm → GroupNorm).
 */
export function assertDpCompatible(model: Layer): void {
  const visit = (layer: Layer): void => {
    const why = MIXING_LAYERS[layer.className];
    if (why) throw new DpIncompatibleLayerError(layer.path, layer.className, why);
    const children = 'layers' in layer ? (layer.layers as readonly Layer[]) : layer.sublayers;
    for (const child of children) visit(child);
  };
  visit(model);
}
