import { execFile } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

// Proof that the BUILT package works in plain Node, ESM and CJS, with no test runner, transpiler or bundler
// in between: the scripts run in child processes and resolve @tessera/core through its exports map to dist/.
const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, '..', '..');

function newestModification(folder: string): number {
  return Math.max(
    ...readdirSync(folder, { withFileTypes: true }).map((entry) => {
      const path = join(folder, entry.name);
      return entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs;
    }),
  );
}

function builtModification(): number {
  try {
    return Math.min(...['index.js', 'index.cjs'].map((f) => statSync(join(packageRoot, 'dist', f)).mtimeMs));
  } catch {
    return -Infinity;
  }
}

interface TrainingRun {
  losses: number[];
  tensorsBefore: number;
  tensorsAfter: number;
}
interface BackendRun {
  backend: string;
  completedKernels: string[];
  mlp: TrainingRun;
  cnn: TrainingRun;
  tensorsLeft: number;
}
type Results = Record<'cpu' | 'wasm', BackendRun>;

async function trainIn(script: string): Promise<{ format: string; results: Results }> {
  const { stdout } = await run(process.execPath, [join(here, script)], {
    cwd: here,
    env: { ...process.env, TESSERA_BACKEND: '' },
  });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last);
}

function expectClose(actual: readonly number[], expected: readonly number[], relative: number): void {
  expect(actual).toHaveLength(expected.length);
  for (const [i, a] of actual.entries()) {
    expect(Math.abs(a - expected[i]!)).toBeLessThanOrEqual(relative * Math.abs(expected[i]!));
  }
}

describe('plain Node on the built package', () => {
  beforeAll(async () => {
    if (builtModification() < newestModification(join(packageRoot, 'src'))) {
      await run('npx', ['tsup'], { cwd: packageRoot });
    }
  });

  for (const script of ['train.mjs', 'train.cjs']) {
    it(`${script}: trains an MLP and a CNN on wasm exactly as on cpu, without leaking tensors`, async () => {
      const { format, results } = await trainIn(script);
      expect(format).toBe(script.endsWith('.mjs') ? 'esm' : 'cjs');
      expect([results.cpu.backend, results.wasm.backend]).toEqual(['cpu', 'wasm']);
      // The CNN's filter gradient exists on wasm only because core completed it.
      expect(results.wasm.completedKernels).toContain('Conv2DBackpropFilter');
      for (const model of ['mlp', 'cnn'] as const) {
        const cpu = results.cpu[model];
        const wasm = results.wasm[model];
        expect(cpu.losses).toHaveLength(5);
        expectClose(wasm.losses, cpu.losses, 1e-4);
        expect(cpu.losses.at(-1)!).toBeLessThan(cpu.losses[0]!);
        for (const r of [cpu, wasm]) expect(r.tensorsAfter).toBe(r.tensorsBefore);
      }
      expect([results.cpu.tensorsLeft, results.wasm.tensorsLeft]).toEqual([0, 0]);
    });
  }
});
