// `npm run bench -- <name> [--repeats N]`: runs bench/<name>.bench.ts and writes bench/results/<name>.{json,md}.
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Benchmark, runBenchmark, toMarkdown } from './harness.js';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [--repeats N]\nbenchmarks: ${available.join(', ')}`);
  process.exit(name ? 1 : 0);
}
const mod = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as { default: Benchmark };
const bench = mod.default;
const r = rest.indexOf('--repeats');
if (r >= 0) bench.repeats = Number(rest[r + 1]);
const rows = await runBenchmark(bench);
const environment = {
  date: new Date().toISOString().slice(0, 10),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
  node: process.version,
};
writeFileSync(
  join(here, 'results', `${name}.json`),
  `${JSON.stringify({ benchmark: name, environment, rows }, null, 2)}\n`,
);
writeFileSync(join(here, 'results', `${name}.md`), toMarkdown(bench, rows, environment));
console.log(`wrote bench/results/${name}.json and bench/results/${name}.md`);
