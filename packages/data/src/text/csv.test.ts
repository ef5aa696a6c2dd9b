import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvFileDataset } from '../node/csv-file.js';
import { jsonLinesFileDataset } from '../node/json-lines-file.js';
import { csvDataset } from './csv-text.js';
import { DataFormatError } from './data-format-error.js';
import { jsonLinesDataset } from './json-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const EDGY = [
  'id,name,score,ok',
  '1,"Smith, Jane",3.5,true',
  '2,"He said ""hi""",NA,false',
  '3,"two',
  'lines",,TRUE',
  '4,plain,-1e3,false',
  '',
].join('\n');

// Both sources must read the same CSV the same way.
const sources = {
  text: (text: string, options = {}) => csvDataset(text, options),
  file: (text: string, options = {}) =>
    csvFileDataset(file(`f${Math.random().toString(36).slice(2)}.csv`, text), options),
};

describe.each(Object.entries(sources))('CSV from %s', (_, open) => {
  it('handles quotes, doubled quotes, embedded newlines, missing cells, header and types', async () => {
    const ds = open(EDGY);
    const rows = await ds.toArray();
    expect(rows).toEqual([
      { id: 1, name: 'Smith, Jane', score: 3.5, ok: true },
      { id: 2, name: 'He said "hi"', score: Number.NaN, ok: false },
      { id: 3, name: 'two\nlines', score: Number.NaN, ok: true },
      { id: 4, name: 'plain', score: -1000, ok: false },
    ]);
    expect(ds.schema()).toEqual({
      names: ['id', 'name', 'score', 'ok'],
      types: ['number', 'string', 'number', 'boolean'],
      hasHeader: true,
    });
  });

  it('detects a missing header and honours explicit options', async () => {
    expect(await open('1,2\n3,4\n').toArray()).toEqual([
      { column0: 1, column1: 2 },
      { column0: 3, column1: 4 },
    ]);
    const ds = open('a;b\n01;x\n', { delimiter: ';', columnTypes: { a: 'string' }, missingValues: ['x'] });
    expect(await ds.toArray()).toEqual([{ a: '01', b: Number.NaN }]);
    expect(await open('p,q\nr,s\n', { header: false }).toArray()).toEqual([
      { column0: 'p', column1: 'q' },
      { column0: 'r', column1: 's' },
    ]);
  });

  it('a row with the wrong field count throws with its line number', async () => {
    const text = 'x,y\n1,2\n3\n4,5\n';
    const error = await open(text)
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFormatError);
    expect((error as DataFormatError).line).toBe(3);
    expect((error as Error).message).toMatch(/expected 2 fields, received 1 on line 3/);
  });

  it('a value that does not fit its column throws, beyond the type-inference sample too', async () => {
    const lines = ['v', ...Array.from({ length: 150 }, (_, i) => String(i)), 'oops', '7'];
    const error = await open(`${lines.join('\n')}\n`, { sampleSize: 20 })
      .toArray()
      .catch((e: unknown) => e);
    expect((error as DataFormatError).line).toBe(152);
    expect((error as Error).message).toMatch(/column "v" expects a number, received "oops"/);
  });

  it("onBadRecord 'skip' skips and counts malformed rows", async () => {
    const ds = open('x,y\n1,2\n3\n4,five\n6,7\n', { onBadRecord: 'skip', columnTypes: { y: 'number' } });
    expect(await ds.toArray()).toEqual([
      { x: 1, y: 2 },
      { x: 6, y: 7 },
    ]);
    expect(ds.stats.skippedRecords).toBe(2);
    expect(ds.stats.skipped.map((s) => s.line)).toEqual([3, 4]);
    await ds.toArray();
    expect(ds.stats.skippedRecords).toBe(2); // counted per pass
  });

  it('a broken quote is a format error with its line', async () => {
    const error = await open('a,b\n1,2\n3,"x"y\n')
      .toArray()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataFormatError);
    expect((error as DataFormatError).line).toBe(3);
  });
});

describe('CSV files stream', () => {
  it('reads a file larger than the sample lazily and stops early without error', async () => {
    const path = file(
      'big.csv',
      `a,b\n${Array.from({ length: 5000 }, (_, i) => `${i},${i * 2}`).join('\n')}\n`,
    );
    const ds = csvFileDataset(path);
    expect((await ds.toArray()).length).toBe(5000);
    const firstThree = await ds.take(3).toArray();
    expect(firstThree.map((r) => r.b)).toEqual([0, 2, 4]);
  });
  it('a missing file is an IOError naming it', async () => {
    await expect(csvFileDataset(join(dir, 'nope.csv')).toArray()).rejects.toThrow(
      /Cannot read .*nope\.csv \(ENOENT\)/,
    );
  });
});

describe('JSON lines', () => {
  const text = '{"a":1}\n\n[1,2]\n{"bad":\n"s"\n';
  it('parses values, skips blank lines, reports bad lines', async () => {
    const error = await jsonLinesDataset(text)
      .toArray()
      .catch((e: unknown) => e);
    expect((error as DataFormatError).line).toBe(4);
    const ds = jsonLinesDataset(text, { onBadRecord: 'skip' });
    expect(await ds.toArray()).toEqual([{ a: 1 }, [1, 2], 's']);
    expect(ds.stats.skipped.map((s) => s.line)).toEqual([4]);
  });
  it('streams from a file with the same semantics', async () => {
    const ds = jsonLinesFileDataset(file('x.jsonl', text), { onBadRecord: 'skip' });
    expect(await ds.toArray()).toEqual([{ a: 1 }, [1, 2], 's']);
    expect(ds.stats.skippedRecords).toBe(1);
    await expect(jsonLinesFileDataset(file('y.jsonl', text)).toArray()).rejects.toThrow(
      /Invalid JSON.*on line 4/,
    );
  });
});
