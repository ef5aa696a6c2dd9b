import { ValidationError } from '@tessera/core';
import type { NodeWebGPUAdapterName } from './webgpu-adapter-types.js';

/**
 * The environment variable that forces the Node adapter when no option does: `gpu`, `opengles`,
 * `swiftshader`, a comma-separated list tried in order, or `auto`.
 *
 * @example
 * ```ts
 * // TESSERA_WEBGPU_ADAPTER=swiftshader node train.js
 * import { WEBGPU_ADAPTER_ENV_VARIABLE } from '@tessera/backend-webgpu';
 * console.log(process.env[WEBGPU_ADAPTER_ENV_VARIABLE]);
 * ```
 */
export const WEBGPU_ADAPTER_ENV_VARIABLE = 'TESSERA_WEBGPU_ADAPTER';

/**
 * The order `auto` tries Node adapters in: a real GPU first, then the software adapters, fastest first
 * (llvmpipe through OpenGL ES runs the conformance suite about 7× faster than SwiftShader; see the README).
 */
export const AUTO_NODE_ADAPTER_ORDER: readonly NodeWebGPUAdapterName[] = ['gpu', 'opengles', 'swiftshader'];

const NAMES: readonly string[] = AUTO_NODE_ADAPTER_ORDER;

/** Which adapter to use: `'auto'`, one Node adapter, or Node adapters in order of preference. */
export type WebGPUAdapterPreference = 'auto' | NodeWebGPUAdapterName | readonly NodeWebGPUAdapterName[];

/**
 * Resolves an adapter preference: the option when given, else {@link WEBGPU_ADAPTER_ENV_VARIABLE}, else
 * `'auto'`. Returns `'auto'` or the Node adapters to try, in order.
 *
 * @example
 * ```ts
 * import { resolveAdapterPreference } from '@tessera/backend-webgpu';
 * resolveAdapterPreference('opengles'); // ['opengles']
 * resolveAdapterPreference(undefined); // 'auto' unless TESSERA_WEBGPU_ADAPTER is set
 * ```
 * @throws ValidationError when the option or the variable names an unknown adapter
 */
export function resolveAdapterPreference(
  preference: WebGPUAdapterPreference | undefined,
): 'auto' | NodeWebGPUAdapterName[] {
  const fromEnvironment = globalThis.process?.env?.[WEBGPU_ADAPTER_ENV_VARIABLE]?.trim();
  const where = preference === undefined ? WEBGPU_ADAPTER_ENV_VARIABLE : 'webgpu backend option "adapter"';
  const value = preference ?? (fromEnvironment ? fromEnvironment : 'auto');
  const names = typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value;
  if (!Array.isArray(names))
    throw ValidationError.expected(`"auto" or adapter names (${NAMES.join(', ')})`, value, where);
  if (names.length === 1 && names[0] === 'auto') return 'auto';
  if (names.length === 0)
    throw ValidationError.expected(`at least one adapter name (${NAMES.join(', ')})`, value, where);
  for (const name of names) {
    if (typeof name !== 'string' || !NAMES.includes(name)) {
      throw ValidationError.expected(`"auto" or one of ${NAMES.join(', ')}`, name, where);
    }
  }
  return names as NodeWebGPUAdapterName[];
}
