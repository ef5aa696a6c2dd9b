import { defineConfig } from 'vitest/config';

// One vitest run over every package's own config (each package has vitest.config.ts beside its package.json).
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'examples/*/vitest.config.ts'],
  },
});
