import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createRegistry } from '../registry/index.js';
import { cpuBackendPlugin } from './cpu-backend-plugin.js';
import { initBackend } from './init-backend.js';
import { type WasmBinaryName, setWasmPaths } from './wasm-backend-package.js';
import { createWasmBackendPlugin } from './wasm-backend-plugin.js';

const binaries: WasmBinaryName[] = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
];
const packageDist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
const folder = mkdtempSync(join(tmpdir(), 'tessera-wasm-'));

function registryWith(wasmPaths: Record<WasmBinaryName, string>) {
  const reg = createRegistry();
  reg.register(cpuBackendPlugin);
  reg.register(createWasmBackendPlugin({ wasmPaths }));
  return reg;
}

describe('wasm backend plugin: binary locations for bundled apps', () => {
  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await tf.setBackend('cpu');
  });

  it('loads the binaries from where wasmPaths says (renamed copies that exist nowhere else)', async () => {
    const renamed = Object.fromEntries(binaries.map((b) => [b, join(folder, `renamed-${b}`)])) as Record<
      WasmBinaryName,
      string
    >;
    for (const b of binaries) copyFileSync(join(packageDist, b), renamed[b]);
    const selection = await initBackend('wasm', { registry: registryWith(renamed), fallback: false });
    expect(selection.name).toBe('wasm');
    const y = tf.square(tf.tensor1d([1.5, -2]));
    expect(Array.from(await y.data())).toEqual([2.25, 4]);
    tf.dispose(y);
  });

  it('falls back to cpu, saying why, when the binaries are not where it was told', async () => {
    await expect(setWasmPaths(42 as unknown as string)).rejects.toThrow(/Expected a path prefix/);
    tf.removeBackend('wasm');
    const missing = Object.fromEntries(binaries.map((b) => [b, join(folder, 'absent', b)])) as Record<
      WasmBinaryName,
      string
    >;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    const selection = await initBackend('wasm', { registry: registryWith(missing) });
    const warned = warn.mock.calls.map((c) => String(c[0]));
    warn.mockRestore();
    err.mockRestore();
    expect(selection.name).toBe('cpu');
    expect(selection.skipped).toEqual([
      {
        name: 'wasm',
        failed: true,
        reason: expect.stringMatching(/wasm backend failed to initialise: .*\.wasm/),
      },
    ]);
    expect(warned.filter((w) => w.startsWith('[tessera]'))).toHaveLength(1);
  });
});
