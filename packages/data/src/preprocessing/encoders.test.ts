import { describe, expect, it } from 'vitest';
import { KBinsDiscretizer } from './kbins-discretizer.js';
import { LabelEncoder } from './label-encoder.js';
import { OneHotEncoder } from './one-hot-encoder.js';
import { OrdinalEncoder } from './ordinal-encoder.js';
import { SimpleImputer } from './simple-imputer.js';
import { expectClose, fixture, numeric } from './test-helpers.js';

const f = fixture('preprocessing.json');

describe('SimpleImputer matches scikit-learn', () => {
  const X = numeric(f.X_imp);
  it.each([
    ['mean', 'mean'],
    ['median', 'median'],
    ['mostFrequent', 'most_frequent'],
  ] as const)('%s (drops the all-missing column)', (strategy, ref) => {
    const imp = new SimpleImputer({ strategy }).fit(X);
    expectClose(imp.transform(X), f[`impute_${ref}`].transform);
  });
  it('constant keeps every column', () => {
    expectClose(
      new SimpleImputer({ strategy: 'constant', fillValue: -1 }).fitTransform(X),
      f.impute_constant.transform,
    );
  });
  it('most frequent on text with null as missing (ties → smallest)', () => {
    expect(new SimpleImputer({ strategy: 'mostFrequent' }).fitTransform(f.X_cat_missing)).toEqual(
      f.impute_most_frequent_text.transform,
    );
    expect(() => new SimpleImputer({ strategy: 'mean' }).fit(f.X_cat_missing)).toThrow(
      /numbers for strategy 'mean'/,
    );
  });
});

describe('encoders match scikit-learn', () => {
  it('OneHotEncoder: sorted categories, inverse', () => {
    const enc = new OneHotEncoder().fit(f.X_cat);
    expectClose(enc.transform(f.X_cat), f.onehot.transform);
    expect((enc.toJSON().state as { categories: unknown }).categories).toEqual(f.onehot.categories);
    expect(enc.inverseTransform(enc.transform(f.X_cat))).toEqual(f.onehot.inverse);
    expect(() => enc.transform(f.X_cat_test)).toThrow(/categories seen in fit for column 0.*"purple"/);
    expectClose(new OneHotEncoder().fitTransform(f.X_num_cat), f.onehot_numeric.transform);
  });
  it('OneHotEncoder: unknown categories ignored → zeros → null on inverse', () => {
    const enc = new OneHotEncoder({ handleUnknown: 'ignore' }).fit(f.X_cat);
    const t = enc.transform(f.X_cat_test);
    expectClose(t, f.onehot_ignore.transform_test);
    expect(enc.inverseTransform(t)).toEqual(f.onehot_ignore.inverse_test);
  });
  it.each([
    ['first', 'first'],
    ['ifBinary', 'if_binary'],
  ] as const)('OneHotEncoder drop %s', (drop, ref) => {
    const enc = new OneHotEncoder({ drop }).fit(f.X_cat);
    const t = enc.transform(f.X_cat);
    expectClose(t, f[`onehot_drop_${ref}`].transform);
    expect(enc.inverseTransform(t)).toEqual(f[`onehot_drop_${ref}`].inverse);
  });
  it('OrdinalEncoder with an encoded value for unknowns', () => {
    const enc = new OrdinalEncoder({ handleUnknown: 'useEncodedValue', unknownValue: -1 }).fit(f.X_cat);
    expectClose(enc.transform(f.X_cat), f.ordinal.transform);
    expectClose(enc.transform(f.X_cat_test), f.ordinal.transform_test);
    expect(enc.inverseTransform(enc.transform(f.X_cat))).toEqual(f.ordinal.inverse);
  });
  it('LabelEncoder', () => {
    const enc = new LabelEncoder().fit(f.labels);
    expect(enc.classes).toEqual(f.label_encoder.classes);
    expect(enc.transform(f.labels)).toEqual(f.label_encoder.transform);
    expect(enc.inverseTransform(enc.transform(f.labels))).toEqual(f.labels);
    expect(() => enc.transform(['fish'])).toThrow(/label seen in fit/);
  });
});

describe('KBinsDiscretizer matches scikit-learn (numpy linear quantiles, merged edges)', () => {
  const X = numeric(f.X_bins);
  const Xt = numeric(f.X_bins_test);
  it.each([
    ['uniform', 'ordinal'],
    ['uniform', 'onehot'],
    ['quantile', 'ordinal'],
    ['quantile', 'onehot'],
  ] as const)('%s / %s', (strategy, encode) => {
    const ref = f[`kbins_${strategy}_${encode === 'onehot' ? 'onehot-dense' : encode}`];
    const kb = new KBinsDiscretizer({ nBins: 4, strategy, encode }).fit(X);
    const state = kb.toJSON().state as { binEdges: number[][]; nBins: number[] };
    expect(state.nBins).toEqual(ref.n_bins);
    expectClose(state.binEdges, ref.edges);
    const t = kb.transform(X);
    expectClose(t, ref.transform);
    expectClose(kb.transform(Xt), ref.transform_test);
    expectClose(kb.inverseTransform(t), ref.inverse);
  });
});
