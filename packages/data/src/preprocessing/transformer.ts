import type { PreprocessorJSON } from './preprocessor.js';

/**
 * What every preprocessing step offers, including the composites ({@link Pipeline},
 * {@link ColumnTransformer}): fit / transform / inverseTransform and a plain-JSON form.
 */
export interface Transformer {
  readonly type: string;
  readonly fitted: boolean;
  fit(X: any, y?: any): this;
  transform(X: any): any;
  fitTransform(X: any, y?: any): any;
  inverseTransform(X: any): any;
  toJSON(): PreprocessorJSON;
}
