import { type Plugin, type Registry, registry, ValidationError } from '@tessera/core';
import { adadelta } from '../alias/adadelta.js';
import { adagrad } from '../alias/adagrad.js';
import { adam, adamw } from '../alias/adam.js';
import { adamax } from '../alias/adamax.js';
import { DEFAULT_LEARNING_RATES, type OptimizerName } from '../alias/common.js';
import { lion } from '../alias/lion.js';
import { nadam } from '../alias/nadam.js';
import { rmsprop } from '../alias/rmsprop.js';
import { sgd } from '../alias/sgd.js';
import { optionalBoolean, optionsRecord } from '../internal/validate.js';
import { accumulateGradients } from '../transform/accumulate-gradients.js';
import { chain } from '../transform/chain.js';
import { clipByGlobalNorm, clipByNorm, clipByValue } from '../transform/clip.js';
import { emaOfParams } from '../transform/ema-of-params.js';
import { skipIfNotFinite } from '../transform/skip-if-not-finite.js';
import type { GradientTransform } from '../transform/types.js';
import { learningRateOf, revive, serialize } from './config.js';
import { Optimizer } from './optimizer.js';

/**
 * Options of the optimizer plugins: the named optimizer's own options (a learning rate may also be a
 * serialised schedule `{ name, options }`, a mask the name `'excludeBiasesAndNorms'`), plus Keras's
 * optimizer-wide extras.
 */
export interface OptimizerPluginOptions extends Record<string, unknown> {
  /** Clip each gradient element to ±clipValue (Keras `clipvalue`). */
  readonly clipValue?: number;
  /** Clip each gradient tensor to this L2 norm (Keras `clipnorm`). */
  readonly clipNorm?: number;
  /** Clip all gradients together to this L2 norm (Keras `global_clipnorm`). */
  readonly globalClipNorm?: number;
  /** Average this many gradients per update (Keras `gradient_accumulation_steps`). */
  readonly gradientAccumulationSteps?: number;
  /** Keep an EMA of the parameters with this momentum (Keras `use_ema` + `ema_momentum`). */
  readonly emaMomentum?: number;
  /** Skip steps whose gradients contain NaN or ±Inf. */
  readonly skipNonFinite?: boolean;
}

/** An optimizer plugin: `create(options)` returns an {@link Optimizer}. */
export type OptimizerPlugin = Plugin<'optimizer', OptimizerPluginOptions | undefined, Optimizer>;

const EXTRAS = [
  'clipValue',
  'clipNorm',
  'globalClipNorm',
  'gradientAccumulationSteps',
  'emaMomentum',
  'skipNonFinite',
];

function plugin(
  name: OptimizerName,
  kerasName: string,
  alias: (options: any) => GradientTransform<any>,
): OptimizerPlugin {
  const id = `optimizer:${name}` as const;
  return {
    kind: 'optimizer',
    id,
    apiVersion: 1,
    aliases: [kerasName],
    create(raw) {
      const given = optionsRecord(raw, id);
      const options = revive(given, id);
      const own = Object.fromEntries(Object.entries(options).filter(([k]) => !EXTRAS.includes(k)));
      const keras = options.convention === 'keras';
      const learningRate = learningRateOf(options, DEFAULT_LEARNING_RATES[name][keras ? 1 : 0]);
      alias(own); // validates the options now rather than at the first step
      const build = (lr: unknown) => {
        const parts: GradientTransform<any>[] = [];
        if (options.clipValue !== undefined) parts.push(clipByValue(options.clipValue as number));
        if (options.clipNorm !== undefined) parts.push(clipByNorm(options.clipNorm as number));
        if (options.globalClipNorm !== undefined)
          parts.push(clipByGlobalNorm(options.globalClipNorm as number));
        parts.push(alias({ ...own, learningRate: lr }));
        if (options.emaMomentum !== undefined)
          parts.push(emaOfParams({ decay: options.emaMomentum as number }));
        let tx: GradientTransform<any> = parts.length === 1 ? parts[0]! : chain(...parts);
        if (options.gradientAccumulationSteps !== undefined) {
          tx = accumulateGradients(tx, { steps: options.gradientAccumulationSteps as number });
        }
        if (optionalBoolean(options.skipNonFinite, false, `${id}(skipNonFinite)`)) tx = skipIfNotFinite(tx);
        return tx;
      };
      return new Optimizer({ name, learningRate, build, config: () => serialize(given, id) });
    },
  };
}

/**
 * The optimizer plugins (`optimizer:<name>`, with Keras class names as aliases).
 * @example
 * ```ts
 * import { createRegistry } from '@tessera/core';
 * import { optimizerPlugins } from '@tessera/optim';
 * const reg = createRegistry();
 * for (const plugin of optimizerPlugins) reg.register(plugin);
 * const optimizer = reg.create('AdamW', { learningRate: 1e-3 }, 'optimizer');
 * ```
 */
export const optimizerPlugins: readonly OptimizerPlugin[] = [
  plugin('sgd', 'SGD', sgd),
  plugin('adam', 'Adam', adam),
  plugin('adamw', 'AdamW', adamw),
  plugin('rmsprop', 'RMSprop', rmsprop),
  plugin('adagrad', 'Adagrad', adagrad),
  plugin('adadelta', 'Adadelta', adadelta),
  plugin('adamax', 'Adamax', adamax),
  plugin('nadam', 'Nadam', nadam),
  plugin('lion', 'Lion', lion),
];

/**
 * Creates an optimizer by name (or from `getConfig()` output) through the registry, so user-registered
 * optimizers work the same way; the built-in ones are found even before {@link registerOptim} is called.
 * @example
 * ```ts
 * import { createOptimizer } from '@tessera/optim';
 * const optimizer = createOptimizer('adamw', { learningRate: 3e-4, globalClipNorm: 1 });
 * const copy = createOptimizer(optimizer.getConfig());
 * ```
 * @throws UnknownPluginError for an unknown name (listing the registered optimizers); ValidationError for bad options
 */
export function createOptimizer(
  nameOrConfig: string | { readonly name: string; readonly options?: Record<string, unknown> },
  options?: OptimizerPluginOptions,
  reg: Registry = registry,
): Optimizer {
  if (typeof nameOrConfig !== 'string' && (nameOrConfig === null || typeof nameOrConfig?.name !== 'string')) {
    throw ValidationError.expected('an optimizer name or { name, options }', nameOrConfig, 'createOptimizer');
  }
  const name = typeof nameOrConfig === 'string' ? nameOrConfig : nameOrConfig.name;
  const merged = typeof nameOrConfig === 'string' ? options : { ...nameOrConfig.options, ...options };
  if (!reg.has(name, 'optimizer')) {
    const builtIn = optimizerPlugins.find(
      (p) => p.id === name || p.id === `optimizer:${name}` || p.aliases?.includes(name),
    );
    if (builtIn) return builtIn.create(merged);
  }
  return reg.create<Optimizer>(name, merged, 'optimizer');
}
