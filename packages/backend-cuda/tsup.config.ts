import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  // kernel-images.ts finds dist/cuda from import.meta.url in ESM and __dirname in CJS.
  shims: true,
});
