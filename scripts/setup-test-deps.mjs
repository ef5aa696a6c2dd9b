// Installs the Debian packages the test suite needs, when they are missing and this process may install
// them (root with apt-get, as on CI and the developer machines). Runs before `npm test`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const needed = [
  // Fashion-MNIST in IDX format, read by @tessera/data's tests.
  { pkg: 'dataset-fashion-mnist', present: () => existsSync('/usr/share/datasets/fashion-mnist') },
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
