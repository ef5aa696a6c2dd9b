export type { CsvDataset } from './csv-dataset.js';
export type { CsvSchema } from './csv-schema.js';
export * from './csv-text.js';
export { type CsvColumnType, type CsvOptions, type CsvRecord, DEFAULT_MISSING_VALUES } from './csv-types.js';
export { type BadRecordPolicy, DataFormatError, type TextSourceStats } from './data-format-error.js';
export { jsonLinesDataset, type JsonLinesDataset } from './json-lines.js';
