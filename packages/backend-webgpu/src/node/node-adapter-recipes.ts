import type { NodeWebGPUAdapterName, WebGPUAdapterRequest } from '../adapter/webgpu-adapter-types.js';

/** How to make one Node adapter through Dawn, or why it cannot be made here. */
export type NodeAdapterRecipe =
  | {
      readonly name: NodeWebGPUAdapterName;
      /** `create()` options of the Dawn instance. */
      readonly dawnOptions: readonly string[];
      /** Environment variables the native drivers read while the instance finds its adapters. */
      readonly environment: Readonly<Record<string, string>>;
      readonly request: WebGPUAdapterRequest;
      /** Pass over software adapters (the `gpu` recipe wants a real GPU). */
      readonly hardwareOnly: boolean;
    }
  | { readonly name: NodeWebGPUAdapterName; readonly unavailable: string };

/** Where Chromium and Chrome packages put SwiftShader's Vulkan ICD, searched in this order. */
export const SWIFTSHADER_ICD_LOCATIONS: readonly string[] = [
  '/usr/lib/chromium/vk_swiftshader_icd.json', // Debian, Ubuntu (deb) chromium
  '/usr/lib64/chromium-browser/vk_swiftshader_icd.json', // Fedora
  '/usr/lib/chromium-browser/vk_swiftshader_icd.json', // Alpine, Arch
  '/opt/google/chrome/vk_swiftshader_icd.json', // Google Chrome
];

/** Options that shape the Node recipes. */
export interface NodeRecipeOptions {
  /** A SwiftShader ICD file (`vk_swiftshader_icd.json`) to use instead of searching {@link SWIFTSHADER_ICD_LOCATIONS}. */
  readonly swiftshaderIcd?: string;
  /** Extra Dawn instance options, e.g. `enable-dawn-features=allow_unsafe_apis`. */
  readonly dawnOptions?: readonly string[];
  readonly powerPreference?: GPUPowerPreference;
}

function fileExists(path: string): boolean {
  const process = globalThis.process as { getBuiltinModule?: (id: string) => unknown } | undefined;
  const fs = process?.getBuiltinModule?.('node:fs') as typeof import('node:fs') | undefined;
  return fs?.existsSync(path) ?? false;
}

/** Finds the SwiftShader ICD: the given file, or the first of the standard locations that exists. */
export function findSwiftShaderIcd(explicit?: string): { path: string } | { unavailable: string } {
  if (explicit !== undefined) {
    return fileExists(explicit)
      ? { path: explicit }
      : { unavailable: `swiftshaderIcd "${explicit}" does not exist` };
  }
  const found = SWIFTSHADER_ICD_LOCATIONS.find(fileExists);
  if (found) return { path: found };
  return {
    unavailable:
      `no SwiftShader Vulkan ICD found (looked for ${SWIFTSHADER_ICD_LOCATIONS.join(', ')}); install ` +
      "Chromium (Debian: apt-get install chromium) or pass the plugin's swiftshaderIcd option",
  };
}

/**
 * The recipe for one Node adapter. `gpu` uses Dawn's default backend for the platform (forced to Vulkan on
 * Linux, where Dawn would otherwise also consider OpenGL); `opengles` selects EGL's surfaceless platform
 * unless `EGL_PLATFORM` is set, since there is no display; `swiftshader` points the Vulkan loader at the ICD.
 */
export function nodeAdapterRecipe(
  name: NodeWebGPUAdapterName,
  options: NodeRecipeOptions = {},
): NodeAdapterRecipe {
  const extra = options.dawnOptions ?? [];
  const powerPreference = options.powerPreference ?? 'high-performance';
  if (name === 'gpu') {
    const linux = globalThis.process?.platform === 'linux';
    return {
      name,
      dawnOptions: [...(linux ? ['backend=vulkan'] : []), ...extra],
      environment: {},
      request: { powerPreference, featureLevel: 'core' },
      hardwareOnly: true,
    };
  }
  if (name === 'opengles') {
    return {
      name,
      dawnOptions: ['backend=opengles', ...extra],
      environment: globalThis.process?.env?.EGL_PLATFORM ? {} : { EGL_PLATFORM: 'surfaceless' },
      request: { powerPreference, featureLevel: 'compatibility' },
      hardwareOnly: false,
    };
  }
  const icd = findSwiftShaderIcd(options.swiftshaderIcd);
  if ('unavailable' in icd) return { name, unavailable: icd.unavailable };
  return {
    name,
    dawnOptions: ['backend=vulkan', ...extra],
    environment: { VK_ICD_FILENAMES: icd.path },
    request: { powerPreference, featureLevel: 'core' },
    hardwareOnly: false,
  };
}
