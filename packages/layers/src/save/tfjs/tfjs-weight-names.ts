import type { LayerWeight } from '../../layer/layer-weight.js';
import type { Model } from '../../model/model.js';

/**
 * The weights of `model` as tfjs-layers names them: `<layer>/<weight>` relative to the innermost model
 * holding the layer (so nested models add no prefix), trainable weights first as tfjs orders them.
 * @example
 * ```ts
 * tfjsWeightNames(model).map(([name]) => name); // ['conv2d/kernel', 'conv2d/bias', ...]
 * ```
 */
export function tfjsWeightNames(model: Model): [string, LayerWeight][] {
  const out: [string, LayerWeight][] = [];
  const visit = (m: Model) => {
    for (const layer of m.layers) {
      if ('layers' in layer && 'compile' in layer) {
        visit(layer as Model);
        continue;
      }
      const cut = layer.path.length - layer.name.length;
      for (const w of layer.weights) out.push([w.path.slice(cut), w]);
    }
  };
  visit(model);
  return [...out.filter(([, w]) => w.trainable), ...out.filter(([, w]) => !w.trainable)];
}
