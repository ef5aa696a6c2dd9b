import { ValidationError } from '@tessera/core';
import { ColumnTransformer, type ColumnSpec } from './column-transformer.js';
import { KBinsDiscretizer } from './kbins-discretizer.js';
import { LabelEncoder } from './label-encoder.js';
import { Normalizer } from './normalizer.js';
import { OneHotEncoder } from './one-hot-encoder.js';
import { OrdinalEncoder } from './ordinal-encoder.js';
import { IqrOutlierFilter, ZScoreOutlierFilter } from './outlier-filters.js';
import { Pipeline } from './pipeline.js';
import type { PreprocessorJSON } from './preprocessor.js';
import { MaxAbsScaler, MinMaxScaler, RobustScaler, StandardScaler } from './scalers.js';
import { SimpleImputer } from './simple-imputer.js';
import type { Transformer } from './transformer.js';

type Restorer = (json: PreprocessorJSON) => Transformer;

const leaf =
  (make: (config: any) => Transformer & { restoreState(state: unknown): Transformer }): Restorer =>
  (json) =>
    make(json.config).restoreState(json.state);

const builtIns: Record<string, Restorer> = {
  StandardScaler: leaf((c) => new StandardScaler(c)),
  MinMaxScaler: leaf((c) => new MinMaxScaler(c)),
  RobustScaler: leaf((c) => new RobustScaler(c)),
  MaxAbsScaler: leaf(() => new MaxAbsScaler()),
  Normalizer: leaf((c) => new Normalizer(c)),
  SimpleImputer: leaf((c) => new SimpleImputer(c)),
  OneHotEncoder: leaf((c) => new OneHotEncoder(c)),
  OrdinalEncoder: leaf((c) => new OrdinalEncoder(c)),
  LabelEncoder: leaf(() => new LabelEncoder()),
  KBinsDiscretizer: leaf((c) => new KBinsDiscretizer(c)),
  ZScoreOutlierFilter: leaf((c) => new ZScoreOutlierFilter(c)),
  IqrOutlierFilter: leaf((c) => new IqrOutlierFilter(c)),
  Pipeline: (json) => {
    const { steps } = json.config as { steps: [string, PreprocessorJSON][] };
    return new Pipeline(steps.map(([name, step]) => [name, preprocessorFromJSON(step)] as const));
  },
  ColumnTransformer: (json) => {
    const config = json.config as {
      remainder: 'drop' | 'passthrough';
      transformers: [string, PreprocessorJSON | 'drop' | 'passthrough', number[]][];
    };
    const specs: ColumnSpec[] = config.transformers.map(([n, s, c]) => [
      n,
      typeof s === 'string' ? s : preprocessorFromJSON(s),
      c,
    ]);
    return new ColumnTransformer(specs, { remainder: config.remainder }).restoreState(json.state as never);
  },
};

const custom = new Map<string, Restorer>();

/**
 * Rebuilds a preprocessor (fitted or not) from its `toJSON()` form, including nested pipelines.
 * @example
 * ```ts
 * const restored = preprocessorFromJSON(JSON.parse(JSON.stringify(fittedPipeline)));
 * ```
 * @throws {ValidationError} for an unknown `type` (the message lists the known ones).
 */
export function preprocessorFromJSON(json: PreprocessorJSON): Transformer {
  const restore = custom.get(json?.type) ?? builtIns[json?.type];
  if (!restore) {
    const known = [...Object.keys(builtIns), ...custom.keys()].join(', ');
    throw ValidationError.expected(`a preprocessor type (${known})`, json?.type, 'preprocessorFromJSON');
  }
  return restore(json);
}

/**
 * Lets {@link preprocessorFromJSON} restore a preprocessor type of your own.
 * @example
 * ```ts
 * registerPreprocessorType('MyScaler', (json) => new MyScaler(json.config).restoreState(json.state));
 * ```
 * @throws {ValidationError} when the type is already known.
 */
export function registerPreprocessorType(
  type: string,
  restore: (json: PreprocessorJSON) => Transformer,
): void {
  if (builtIns[type] || custom.has(type))
    throw ValidationError.expected('a new preprocessor type name', type, 'registerPreprocessorType');
  custom.set(type, restore);
}
