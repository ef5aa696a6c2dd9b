// Builds a self-contained bundle for a GPU machine that has CUDA, Python and PyTorch but no Node and no
// npm registry: <repo>/.device/tessera-cuda/ (git-ignored) with
//   gpu-check.mjs      the GPU acceptance run (src/gpu-check/main.ts), bundled with esbuild
//   bench-cuda.mjs     bench/cuda.bench.ts + bench/cuda-sgemm.bench.ts (bench/cuda/run-cuda-bench.ts)
//   cuda/              the compiled kernels (dist/cuda, built here first from cuda/kernels/*.cu)
//   node_modules/koffi koffi's JavaScript and its linux_x64 prebuilt addon only
//   torch_bench.py     the PyTorch side of the bench
//   node.xz            this machine's `node` binary, xz-compressed (re-made only when the version changes)
//   run.sh             `run.sh check | bench | all`, writing results to $OUT (or ./results)
// Usage: node packages/backend-cuda/scripts/bundle-device.mjs   (then carry `.device` to the GPU machine)
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(pkg, '..', '..');
const target = join(repo, '.device', 'tessera-cuda');
mkdirSync(target, { recursive: true });

console.log('bundle-device: compiling CUDA kernels (cached by content)');
execFileSync(join(repo, 'node_modules', '.bin', 'tsx'), [join(pkg, 'scripts', 'build-kernels.ts')], {
  stdio: 'inherit',
});
rmSync(join(target, 'cuda'), { recursive: true, force: true });
cpSync(join(pkg, 'dist', 'cuda'), join(target, 'cuda'), { recursive: true });

console.log('bundle-device: bundling the GPU check and the bench with esbuild');
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['@tessera/source'],
  external: ['koffi', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-node-gpu'],
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: [join(pkg, 'src', 'gpu-check', 'main.ts')],
  outfile: join(target, 'gpu-check.mjs'),
});
await build({
  ...common,
  entryPoints: [join(repo, 'bench', 'cuda', 'run-cuda-bench.ts')],
  outfile: join(target, 'bench-cuda.mjs'),
});

console.log('bundle-device: copying koffi (linux_x64 addon only)');
const koffiSource = join(repo, 'node_modules', 'koffi');
const koffiTarget = join(target, 'node_modules', 'koffi');
rmSync(koffiTarget, { recursive: true, force: true });
mkdirSync(join(koffiTarget, 'build', 'koffi', 'linux_x64'), { recursive: true });
for (const file of ['package.json', 'index.js', 'indirect.js', 'LICENSE.txt']) {
  if (existsSync(join(koffiSource, file))) copyFileSync(join(koffiSource, file), join(koffiTarget, file));
}
copyFileSync(
  join(koffiSource, 'build', 'koffi', 'linux_x64', 'koffi.node'),
  join(koffiTarget, 'build', 'koffi', 'linux_x64', 'koffi.node'),
);

copyFileSync(join(repo, 'bench', 'cuda', 'torch_bench.py'), join(target, 'torch_bench.py'));

const version = process.version;
const versionFile = join(target, 'node.version');
if (
  !existsSync(join(target, 'node.xz')) ||
  !existsSync(versionFile) ||
  readFileSync(versionFile, 'utf8') !== version
) {
  console.log(`bundle-device: compressing ${process.execPath} (${version}) with xz`);
  const compressed = execFileSync('xz', ['-T2', '-6', '-c', process.execPath], { maxBuffer: 512 << 20 });
  writeFileSync(join(target, 'node.xz'), compressed);
  writeFileSync(versionFile, version);
}

writeFileSync(
  join(target, 'run.sh'),
  `#!/usr/bin/env bash
# Runs the Tessera CUDA checks on this machine: ./run.sh check | bench | all  (results go to $OUT or ./results)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
node_bin="\${TMPDIR:-/tmp}/tessera-node-$(cat "$here/node.version")"
if [ ! -x "$node_bin" ]; then
  if command -v xz >/dev/null; then xz -dc "$here/node.xz" > "$node_bin.tmp"
  else python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$here/node.xz" "$node_bin.tmp"; fi
  chmod +x "$node_bin.tmp" && mv "$node_bin.tmp" "$node_bin"
fi
out="\${OUT:-$here/results}"
mkdir -p "$out"
export TESSERA_TORCH_BENCH="$here/torch_bench.py"
status=0
case "\${1:-check}" in
  check) "$node_bin" "$here/gpu-check.mjs" --out "$out" "\${@:2}" 2>&1 | tee "$out/cuda-gpu-check.log" || status=$? ;;
  bench) "$node_bin" "$here/bench-cuda.mjs" --out "$out" 2>&1 | tee "$out/cuda-bench.log" || status=$? ;;
  all)
    "$node_bin" "$here/gpu-check.mjs" --out "$out" 2>&1 | tee "$out/cuda-gpu-check.log" || status=$?
    "$node_bin" "$here/bench-cuda.mjs" --out "$out" 2>&1 | tee "$out/cuda-bench.log" || status=$? ;;
  *) echo "usage: run.sh check|bench|all" >&2; exit 2 ;;
esac
exit $status
`,
);
chmodSync(join(target, 'run.sh'), 0o755);
const size = execFileSync('du', ['-sh', target], { encoding: 'utf8' }).trim();
console.log(
  `bundle-device: ready in ${size.split('\t')[0]} at .device/tessera-cuda (run: bash .device/tessera-cuda/run.sh check)`,
);
