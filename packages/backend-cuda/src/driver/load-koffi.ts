import type * as Koffi from 'koffi';

/** The koffi module (its CommonJS exports). */
export type KoffiModule = typeof Koffi;

let loading: Promise<KoffiModule> | undefined;

/**
 * Loads koffi once, on first use, so that importing this package loads no native addon (and a platform
 * without a koffi prebuild fails only when the cuda backend is probed, with a reason, not at import).
 *
 * @example
 * ```ts
 * import { loadKoffi } from '@tessera/backend-cuda';
 * const koffi = await loadKoffi();
 * ```
 */
export function loadKoffi(): Promise<KoffiModule> {
  loading ??= import('koffi').then(
    (mod) => ((mod as unknown as { default?: KoffiModule }).default ?? mod) as KoffiModule,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
