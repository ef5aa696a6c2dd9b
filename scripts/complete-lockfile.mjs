// Adds lockfile entries for platform-specific optional dependencies that the npm registry reachable from our
// machines does not serve (it answers 404 for, e.g., `@biomejs/cli-android-arm64`). npm then leaves them out
// of package-lock.json, and `npm ci` refuses the lockfile as "out of sync" (npm/cli#4828, #8320). The entries
// added here carry the package's `os`/`cpu` (read from its name), so npm skips them on other platforms without
// fetching anything. Run after every `npm install` that rewrites the lockfile (the root `postinstall` does).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const lockPath = join(import.meta.dirname, '..', 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OS = [
  'android',
  'darwin',
  'freebsd',
  'linux',
  'netbsd',
  'openbsd',
  'sunos',
  'win32',
  'aix',
  'openharmony',
];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'riscv64', 'ppc64', 's390x', 'loong64', 'mips64el', 'wasm32'];
const ALIASES = {
  windows: 'win32',
  macos: 'darwin',
  x86_64: 'x64',
  aarch64: 'arm64',
  x86: 'ia32',
  armv7: 'arm',
};

function platformOf(name) {
  const words = name
    .replace(/^@[^/]+\//, '')
    .split(/[-_.]/)
    .map((w) => ALIASES[w] ?? w);
  const os = words.find((w) => OS.includes(w));
  const cpu = words.find((w) => CPU.includes(w));
  if (!os && !cpu) return null;
  return { ...(os ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu] } : {}) };
}

/** Where Node would resolve `dep` from the package at `location` (walking up node_modules folders). */
function resolves(location, dep) {
  let dir = location;
  for (;;) {
    if (packages[`${dir ? `${dir}/` : ''}node_modules/${dep}`]) return true;
    if (!dir) return false;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i < 0 ? '' : dir.slice(0, i);
  }
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [dep, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(location, dep)) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    packages[`node_modules/${dep}`] = {
      version: String(spec).replace(/^[\^~=]/, ''),
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
    };
    added++;
  }
}
if (added > 0) {
  lock.packages = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)),
  );
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
}
console.log(`complete-lockfile: added ${added} platform-specific optional entries`);
