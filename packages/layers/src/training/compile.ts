import { ValidationError } from '@tessera/core';
import { type Metric, metricPlugins } from '@tessera/metrics';
import { createOptimizer, type LossFunction, lossPlugins, Optimizer } from '@tessera/optim';
import { resolvePluginSpec } from '../layer/plugin-spec.js';
import type { CompileOptions, LossSpec, MetricSpec, NamedSpec, TrainStep } from './training-types.js';

/** A metric of one output, with the key it logs under. */
export interface CompiledMetric {
  readonly key: string;
  readonly output: number;
  readonly metric: Metric<any, any>;
}

/** The JSON form of a compile call, saved with a model (null parts were functions or objects). */
export interface TrainingConfig {
  readonly optimizer: { name: string; options: Record<string, unknown> } | null;
  readonly loss: (string | NamedSpec | null)[];
  readonly metrics: (string | NamedSpec | null)[][];
  readonly lossWeights: number[];
}

/** What `compile` resolved: everything `fit`, `evaluate` and `trainOnBatch` need. */
export interface CompiledModel {
  readonly optimizer: Optimizer;
  /** One loss per output (null when a custom step computes its own). */
  readonly losses: readonly (LossFunction | null)[];
  readonly lossWeights: readonly number[];
  readonly metrics: readonly CompiledMetric[];
  readonly trainStep: TrainStep | null;
  readonly config: TrainingConfig;
}

const BINARY_LOSSES = ['binaryCrossentropy', 'binary_crossentropy', 'BinaryCrossentropy', 'bce'];

function perOutput<T>(
  value: T | readonly T[] | Readonly<Record<string, T>> | undefined,
  names: readonly string[],
  isLeaf: (v: unknown) => boolean,
  what: string,
): (T | undefined)[] {
  if (value === undefined) return names.map(() => undefined);
  if (isLeaf(value)) return names.map(() => value as T);
  if (Array.isArray(value)) {
    if (value.length !== names.length)
      throw ValidationError.expected(
        `${names.length} ${what} (one per output)`,
        value,
        `compile({ ${what} })`,
      );
    return [...value];
  }
  const record = value as Readonly<Record<string, T>>;
  const unknown = Object.keys(record).filter((k) => !names.includes(k));
  if (unknown.length)
    throw ValidationError.expected(
      `output names (${names.join(', ')})`,
      unknown.join(', '),
      `compile({ ${what} })`,
    );
  return names.map((n) => record[n]);
}

const isNamed = (v: unknown): v is NamedSpec =>
  typeof v === 'object' && v !== null && typeof (v as NamedSpec).name === 'string';
const specName = (v: string | NamedSpec) => (typeof v === 'string' ? v : v.name);

function resolveLoss(spec: LossSpec, where: string): LossFunction {
  if (typeof spec === 'function') return spec;
  if (typeof spec !== 'string' && !isNamed(spec))
    throw ValidationError.expected('a loss name, { name, options } or a function', spec, where);
  return resolvePluginSpec<LossFunction>('loss', spec as string | NamedSpec, lossPlugins, undefined, where);
}

function resolveMetric(
  spec: MetricSpec,
  loss: LossSpec | undefined,
  where: string,
): { metric: Metric<any, any>; name: string } {
  if (typeof spec === 'object' && spec !== null && typeof (spec as Metric<unknown>).update === 'function') {
    const metric = spec as Metric<any, any>;
    return { metric, name: metric.name };
  }
  if (typeof spec !== 'string' && !isNamed(spec))
    throw ValidationError.expected('a metric name, { name, options } or a Metric', spec, where);
  const named = spec as string | NamedSpec;
  const name = specName(named);
  // Keras resolves 'accuracy' from the loss: with binary cross-entropy it is element-wise binary accuracy.
  const binary = typeof loss !== 'function' && loss !== undefined && BINARY_LOSSES.includes(specName(loss));
  const resolved =
    ['accuracy', 'acc'].includes(name) && binary
      ? { ...(isNamed(named) ? named : {}), name: 'binaryAccuracy' }
      : named;
  return {
    metric: resolvePluginSpec<Metric<any, any>>('metric', resolved, metricPlugins, undefined, where),
    name,
  };
}

function jsonSpec(spec: LossSpec | MetricSpec | undefined): string | NamedSpec | null {
  if (typeof spec === 'string') return spec;
  if (isNamed(spec) && typeof (spec as Metric<unknown>).update !== 'function')
    return { name: spec.name, options: { ...(spec.options ?? {}) } };
  return null;
}

/**
 * Resolves `compile` options against the model's outputs: the optimizer, losses and metrics through the
 * registry (built-ins are found without registering), Keras's `'accuracy'` resolution, and metric log keys
 * (`accuracy`, or `<output>_accuracy` with several outputs).
 * @throws ValidationError for missing or mismatched options; UnknownPluginError for unknown names
 * @example
 * ```ts
 * const compiled = compileModel(['dense_1'], { optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
 * ```
 */
export function compileModel(outputNames: readonly string[], options: CompileOptions): CompiledModel {
  if (options === null || typeof options !== 'object')
    throw ValidationError.expected('compile options', options, 'compile');
  const optimizer =
    options.optimizer instanceof Optimizer
      ? options.optimizer
      : typeof options.optimizer === 'string' || isNamed(options.optimizer)
        ? createOptimizer(options.optimizer as string | NamedSpec)
        : (() => {
            throw ValidationError.expected(
              'an optimizer name, { name, options } or an Optimizer',
              options.optimizer,
              'compile({ optimizer })',
            );
          })();
  const trainStep = options.trainStep ?? null;
  if (trainStep !== null && typeof trainStep !== 'function')
    throw ValidationError.expected('a function', trainStep, 'compile({ trainStep })');
  if (options.loss === undefined && trainStep === null)
    throw ValidationError.expected('a loss', undefined, 'compile({ loss })');
  const isLossLeaf = (v: unknown) => typeof v === 'string' || typeof v === 'function' || isNamed(v);
  const lossSpecs = perOutput<LossSpec>(options.loss, outputNames, isLossLeaf, 'loss');
  const losses = lossSpecs.map((s, i) =>
    s === undefined ? null : resolveLoss(s, `compile({ loss })[${outputNames[i]}]`),
  );
  if (trainStep === null && losses.some((l) => l === null))
    throw ValidationError.expected('a loss for every output', options.loss, 'compile({ loss })');
  const weights = perOutput<number>(
    options.lossWeights,
    outputNames,
    (v) => typeof v === 'number',
    'lossWeights',
  ).map((w) => w ?? 1);
  if (!weights.every((w) => Number.isFinite(w)))
    throw ValidationError.expected('finite loss weights', options.lossWeights, 'compile({ lossWeights })');
  const metricSpecs = Array.isArray(options.metrics)
    ? outputNames.map(() => options.metrics as readonly MetricSpec[])
    : perOutput<readonly MetricSpec[]>(options.metrics, outputNames, () => false, 'metrics').map(
        (m) => m ?? [],
      );
  const metrics: CompiledMetric[] = metricSpecs.flatMap((specs, output) =>
    specs.map((spec) => {
      const { metric, name } = resolveMetric(
        spec,
        lossSpecs[output],
        `compile({ metrics })[${outputNames[output]}]`,
      );
      return { key: outputNames.length > 1 ? `${outputNames[output]}_${name}` : name, output, metric };
    }),
  );
  const keys = metrics.map((m) => m.key);
  const duplicate = keys.find((k, i) => keys.indexOf(k) !== i);
  if (duplicate)
    throw new ValidationError(`Two metrics log under "${duplicate}"; give one a different name`, {
      where: 'compile({ metrics })',
    });
  let optimizerConfig: TrainingConfig['optimizer'] = null;
  try {
    optimizerConfig = optimizer.getConfig();
  } catch {
    optimizerConfig = null; // a schedule or mask without a config: the model saves without its optimizer config
  }
  const config: TrainingConfig = {
    optimizer: optimizerConfig,
    loss: lossSpecs.map(jsonSpec),
    metrics: metricSpecs.map((specs) => specs.map(jsonSpec)),
    lossWeights: weights,
  };
  return { optimizer, losses, lossWeights: weights, metrics, trainStep, config };
}
