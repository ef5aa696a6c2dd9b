// Installs the Debian packages the test suite needs, when they are missing and this process may install
// them (root with apt-get, as on CI and the developer machines). Runs before `npm test`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

// A shared library in one of Debian's multiarch directories (/usr/lib/x86_64-linux-gnu, ...).
const hasLibrary = (file) =>
  existsSync('/usr/lib') &&
  readdirSync('/usr/lib')
    .filter((dir) => dir.endsWith('-linux-gnu'))
    .some((dir) => existsSync(`/usr/lib/${dir}/${file}`));

const needed = [
  // Fashion-MNIST in IDX format, read by @tessera/data's tests.
  { pkg: 'dataset-fashion-mnist', present: () => existsSync('/usr/share/datasets/fashion-mnist') },
  // @tessera/backend-webgpu: headless Chromium for the browser test, and its SwiftShader Vulkan ICD
  // (/usr/lib/chromium/vk_swiftshader_icd.json), one of the two software adapters Dawn runs on in Node.
  { pkg: 'chromium', present: () => existsSync('/usr/lib/chromium/vk_swiftshader_icd.json') },
  // The Vulkan loader Dawn opens to reach SwiftShader (Chromium ships its own copy, but only for itself).
  { pkg: 'libvulkan1', present: () => hasLibrary('libvulkan.so.1') },
  // Mesa's EGL/GLES on llvmpipe: the other software adapter (Dawn's OpenGL ES backend, EGL surfaceless).
  { pkg: 'libegl1', present: () => hasLibrary('libEGL.so.1') },
  { pkg: 'libegl-mesa0', present: () => hasLibrary('libEGL_mesa.so.0') },
  { pkg: 'libgles2', present: () => hasLibrary('libGLESv2.so.2') },
  { pkg: 'libgl1-mesa-dri', present: () => hasLibrary('dri/swrast_dri.so') },
];
const missing = needed.filter((n) => !n.present()).map((n) => n.pkg);
if (missing.length === 0) process.exit(0);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt) {
  console.warn(
    `setup-test-deps: missing Debian packages ${missing.join(', ')}; install them with apt-get (tests that need them will fail)`,
  );
  process.exit(0);
}
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const run = (args) => execFileSync('apt-get', args, { stdio: 'inherit', env });
console.log(`setup-test-deps: installing ${missing.join(', ')}`);
try {
  run(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
} catch {
  run(['update', '-qq']);
  run(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
}
