// `npm run build` step: compiles cuda/kernels/*.cu to dist/cuda/<Kernel>.{ptx,sm_80.cubin,sm_90.cubin}
// (what the package publishes), reusing a content-addressed cache in node_modules/.cache. Set
// TESSERA_CUDA_SKIP_KERNELS=1 on a machine without the CUDA toolkit to build only the TypeScript (the
// result cannot run on a GPU and must not be published).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileCudaKernels } from '../src/build/compile-kernels.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (process.env.TESSERA_CUDA_SKIP_KERNELS === '1') {
  console.warn(
    'build-kernels: TESSERA_CUDA_SKIP_KERNELS=1, CUDA kernels NOT built (do not publish this build)',
  );
  process.exit(0);
}
const outputDirectory = join(root, 'dist', 'cuda');
const started = performance.now();
const results = await compileCudaKernels({
  kernelDirectory: join(root, 'cuda', 'kernels'),
  includeDirectory: join(root, 'cuda', 'include'),
  outputDirectory,
  cacheDirectory: join(root, 'node_modules', '.cache', 'tessera-cuda-kernels'),
});
const manifest = {
  modules: Object.fromEntries(results.map((r) => [r.module, { key: r.key, files: r.files }])),
};
writeFileSync(join(outputDirectory, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
const fresh = results.filter((r) => !r.cached).length;
console.log(
  `build-kernels: ${results.length} CUDA modules in dist/cuda (${fresh} compiled, ${results.length - fresh} from cache) ` +
    `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
