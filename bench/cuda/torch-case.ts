// Runs one bench/cuda/torch_bench.py measurement in a child process and returns its { units, seconds }.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where torch_bench.py is: TESSERA_TORCH_BENCH, else beside this file (bench/cuda/). */
export function torchBenchScript(): string {
  return process.env.TESSERA_TORCH_BENCH ?? join(dirname(fileURLToPath(import.meta.url)), 'torch_bench.py');
}

/** One PyTorch measurement (`python3`, or TESSERA_PYTHON). */
export function torchRun(args: string[]): { units: number; seconds: number } {
  const python = process.env.TESSERA_PYTHON ?? 'python3';
  const result = spawnSync(python, [torchBenchScript(), ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (result.status !== 0)
    throw new Error(`${python} torch_bench.py ${args.join(' ')} failed:\n${result.stderr}`);
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  const parsed = JSON.parse(line) as { units: number; seconds: number };
  return { units: parsed.units, seconds: parsed.seconds };
}
