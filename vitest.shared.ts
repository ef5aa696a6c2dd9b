import { defineConfig } from 'vitest/config';

/**
 * Shared per-package vitest settings: resolve workspace packages to their TypeScript sources through the
 * `@tessera/source` export condition, so tests run without a build step.
 */
export function packageTestConfig(name: string) {
  return defineConfig({
    resolve: { conditions: ['@tessera/source'] },
    ssr: { resolve: { conditions: ['@tessera/source'] } },
    test: {
      name,
      environment: 'node',
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 120_000,
      hookTimeout: 120_000,
      pool: 'forks',
    },
  });
}
