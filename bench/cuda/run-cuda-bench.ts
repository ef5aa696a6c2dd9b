// Entry of the device bundle's bench: runs bench/cuda.bench.ts and bench/cuda-sgemm.bench.ts and writes
// their JSON and Markdown (with the GPU model and driver in the environment line) to --out.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { CudaBackend } from '../../packages/backend-cuda/src/index.js';
import modelBench from '../cuda.bench.js';
import sgemmBench from '../cuda-sgemm.bench.js';
import { runBenchmark, toMarkdown } from '../harness.js';

const i = process.argv.indexOf('--out');
const out = resolve(i >= 0 ? process.argv[i + 1]! : join(process.cwd(), 'bench', 'results'));
mkdirSync(out, { recursive: true });
for (const bench of [sgemmBench, modelBench]) {
  const rows = await runBenchmark(bench);
  const device = (tf.findBackend('cuda') as CudaBackend | undefined)?.driver.device;
  const environment = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${device ? `${device.name} (driver CUDA ${device.driverVersion})` : 'no GPU'}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}`,
    node: process.version,
  };
  writeFileSync(
    join(out, `${bench.name}.json`),
    `${JSON.stringify({ benchmark: bench.name, environment, rows }, null, 2)}\n`,
  );
  writeFileSync(join(out, `${bench.name}.md`), toMarkdown(bench, rows, environment));
  console.log(`wrote ${join(out, `${bench.name}.md`)}`);
}
