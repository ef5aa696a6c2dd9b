import { defineConfig } from 'tsup';

export default defineConfig({
  // The data-parallel worker is its own entry: fitDataParallel starts it by URL next to the bundle.
  entry: { index: 'src/index.ts', 'data-parallel-worker': 'src/parallel/data-parallel-worker.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  // import.meta.url (the worker's location) in the CommonJS build.
  shims: true,
  target: 'es2022',
});
