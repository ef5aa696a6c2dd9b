/**
 * The parts of the WebGPU adapter API this package reads, typed structurally: the `@webgpu/types` version
 * that tfjs-core pins predates `GPUAdapter.info` and `featureLevel`, which Dawn and Chromium both have now.
 */
export interface WebGPUAdapterInfoLike {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly device?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
}

/** A `GPUAdapter` as this package uses it. */
export interface WebGPUAdapterLike {
  readonly features: ReadonlySet<string>;
  readonly limits: object;
  readonly info?: WebGPUAdapterInfoLike;
  readonly isFallbackAdapter?: boolean;
  requestDevice(descriptor?: GPUDeviceDescriptor): Promise<GPUDevice>;
}

/** `GPURequestAdapterOptions` with `featureLevel` (`'core'` or `'compatibility'`). */
export interface WebGPUAdapterRequest {
  readonly powerPreference?: GPUPowerPreference;
  readonly featureLevel?: 'core' | 'compatibility';
}

/** A `navigator.gpu` as this package uses it. */
export interface WebGPUEntryPoint {
  requestAdapter(options?: WebGPUAdapterRequest): Promise<WebGPUAdapterLike | null>;
}

/**
 * Where an adapter came from: `'navigator'` is the runtime's own `navigator.gpu` (a browser, Deno, or a
 * `navigator.gpu` the application installed); the others are the Node adapters made through Dawn (see
 * {@link NodeWebGPUAdapterName}).
 */
export type WebGPUAdapterSource = 'navigator' | NodeWebGPUAdapterName;

/**
 * The adapters this package can make in Node through Dawn (the `webgpu` npm package):
 * - `'gpu'`: the platform's GPU API (Vulkan on Linux, Metal on macOS, D3D12 on Windows), high-performance
 *   adapter first; software implementations found this way are passed over.
 * - `'opengles'`: Dawn's OpenGL ES backend through EGL, at the `compatibility` feature level. Without a GPU
 *   this is Mesa's llvmpipe (Debian: `libegl1 libegl-mesa0 libgles2 libgl1-mesa-dri`), the faster software path.
 * - `'swiftshader'`: Vulkan on SwiftShader, the CPU Vulkan driver Chromium ships (Debian's `chromium` package
 *   installs `/usr/lib/chromium/vk_swiftshader_icd.json`).
 */
export type NodeWebGPUAdapterName = 'gpu' | 'opengles' | 'swiftshader';

/** One adapter this package tried and passed over, and why. */
export interface WebGPUAdapterAttempt {
  readonly adapter: WebGPUAdapterSource | 'dawn';
  readonly reason: string;
}
