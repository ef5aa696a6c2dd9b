import { adapterLabel, describeWebGPUAdapter } from '../adapter/describe-adapter.js';
import type { WebGPUAdapterSelection } from '../adapter/webgpu-adapter-selection.js';
import type {
  NodeWebGPUAdapterName,
  WebGPUAdapterAttempt,
  WebGPUAdapterLike,
  WebGPUEntryPoint,
} from '../adapter/webgpu-adapter-types.js';
import { installDawnGlobals, loadDawn } from './load-dawn.js';
import { type NodeAdapterRecipe, type NodeRecipeOptions, nodeAdapterRecipe } from './node-adapter-recipes.js';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const NO_ADAPTER: Record<NodeWebGPUAdapterName, string> = {
  gpu: 'Dawn found no GPU adapter (on Linux a Vulkan driver for the GPU and the Vulkan loader libvulkan1 are needed)',
  opengles:
    "Dawn's OpenGL ES backend found no adapter (it needs EGL and GLES drivers; without a GPU, Mesa's llvmpipe: " +
    'Debian packages libegl1 libegl-mesa0 libgles2 libgl1-mesa-dri)',
  swiftshader:
    'Dawn found no Vulkan adapter with the SwiftShader ICD (the Vulkan loader libvulkan1 is needed)',
};

/** Dawn instances this package made; a `navigator.gpu` that is one of them was not installed by the app. */
export const dawnInstances = new WeakSet<object>();

async function withEnvironment<T>(
  variables: Readonly<Record<string, string>>,
  run: () => Promise<T>,
): Promise<T> {
  const env = globalThis.process.env;
  const saved = Object.keys(variables).map((name) => [name, env[name]] as const);
  Object.assign(env, variables);
  try {
    return await run();
  } finally {
    // The drivers read these while the instance enumerates adapters; restoring them keeps them out of child
    // processes (a browser started later by the same process must not inherit VK_ICD_FILENAMES).
    for (const [name, value] of saved) {
      if (value === undefined) delete env[name];
      else env[name] = value;
    }
  }
}

// Dawn tears an instance down when its JavaScript object is collected, even while a device made from it is
// in use (the process then aborts in native code). Instances that produced an adapter are therefore kept for
// the life of the process, one per recipe, and reused by later requests.
const instances = new Map<string, WebGPUEntryPoint>();

async function tryRecipe(
  recipe: Extract<NodeAdapterRecipe, { dawnOptions: unknown }>,
  create: (options: string[]) => WebGPUEntryPoint,
): Promise<{ gpu: WebGPUEntryPoint; adapter: WebGPUAdapterLike | null }> {
  const key = JSON.stringify([recipe.dawnOptions, recipe.environment]);
  return withEnvironment(recipe.environment, async () => {
    const gpu = instances.get(key) ?? create([...recipe.dawnOptions]);
    dawnInstances.add(gpu);
    const adapter = await gpu.requestAdapter(recipe.request);
    if (adapter) instances.set(key, gpu);
    return { gpu, adapter };
  });
}

/**
 * Tries the Node adapters in `order` through Dawn (installing Dawn's WebGPU globals first) and returns the
 * first one obtained. Every adapter passed over, and a missing `webgpu` package, is appended to `attempts`
 * with the reason; `undefined` means none could be obtained. Never throws.
 */
export async function requestNodeAdapter(
  order: readonly NodeWebGPUAdapterName[],
  options: NodeRecipeOptions,
  attempts: WebGPUAdapterAttempt[],
): Promise<WebGPUAdapterSelection | undefined> {
  let create: (options: string[]) => WebGPUEntryPoint;
  try {
    const dawn = await loadDawn();
    installDawnGlobals(dawn);
    create = dawn.create;
  } catch (error) {
    attempts.push({
      adapter: 'dawn',
      reason: `the optional dependency "webgpu" (Dawn for Node) could not be loaded: ${messageOf(error)}; install it with npm install webgpu`,
    });
    return undefined;
  }
  for (const name of order) {
    const recipe = nodeAdapterRecipe(name, options);
    if ('unavailable' in recipe) {
      attempts.push({ adapter: name, reason: recipe.unavailable });
      continue;
    }
    let found: Awaited<ReturnType<typeof tryRecipe>>;
    try {
      found = await tryRecipe(recipe, create);
    } catch (error) {
      attempts.push({ adapter: name, reason: `Dawn failed: ${messageOf(error)}` });
      continue;
    }
    if (!found.adapter) {
      attempts.push({ adapter: name, reason: NO_ADAPTER[name] });
      continue;
    }
    const description = describeWebGPUAdapter(found.adapter, name);
    if (recipe.hardwareOnly && description.isSoftware) {
      attempts.push({
        adapter: name,
        reason: `only a software adapter was found: ${adapterLabel(description)}`,
      });
      continue;
    }
    return { adapter: found.adapter, gpu: found.gpu, description, attempts: [...attempts] };
  }
  return undefined;
}
