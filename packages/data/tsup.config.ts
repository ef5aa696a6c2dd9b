import { defineConfig } from 'tsup';

export default defineConfig({
  // Two entries: the browser-safe root and the Node-only file-system sources.
  entry: { index: 'src/index.ts', 'node/index': 'src/node/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
});
