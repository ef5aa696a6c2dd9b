// Pack test: for every published package, `npm pack` it, install the tarball into an empty temporary project
// with only its declared dependencies (its @tessera dependencies as tarballs too, since they are not on the
// registry yet), then import it from plain Node, as ESM and as CommonJS. Catches undeclared dependencies
// and broken `exports` maps. Usage: node scripts/pack-test.mjs [package-folder ...]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const pkgDir = (name) => join(root, 'packages', name);
const manifest = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const all = readdirSync(join(root, 'packages')).filter((d) => !manifest(pkgDir(d)).private);
const selected = process.argv.slice(2).length ? process.argv.slice(2) : all;
const byName = new Map(all.map((d) => [manifest(pkgDir(d)).name, d]));
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

// Checks to run after import, per package: a plain-Node proof that the package does its job.
const smoke = {
  '@tessera/core': `
    const tf = T.tf; mod.registerCoreBackends(); await mod.initBackend('cpu');
    const g = tf.grad((x) => tf.sum(tf.square(x)))(tf.tensor1d([1, 2, 3]));
    const v = Array.from(await g.data());
    if (v.join() !== '2,4,6') throw new Error('gradient wrong: ' + v);`,
};

const work = mkdtempSync(join(tmpdir(), 'tessera-pack-'));
let failed = 0;
try {
  const tarballs = new Map();
  for (const dir of all) {
    const out = run('npm', ['pack', '--silent', '--pack-destination', work], pkgDir(dir))
      .trim()
      .split('\n')
      .pop();
    tarballs.set(manifest(pkgDir(dir)).name, join(work, out));
  }
  for (const dir of selected) {
    const m = manifest(pkgDir(dir));
    const project = mkdtempSync(join(work, `${dir}-`));
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'pack-test', private: true, type: 'module' }),
    );
    const internal = new Set();
    const visit = (name) => {
      if (internal.has(name)) return;
      internal.add(name);
      for (const dep of Object.keys(manifest(pkgDir(byName.get(name))).dependencies ?? {}))
        if (byName.has(dep)) visit(dep);
    };
    visit(m.name);
    const peers = Object.entries(m.peerDependencies ?? {}).map(([n, v]) => `${n}@${v}`);
    const installs = [...[...internal].map((n) => tarballs.get(n)), ...peers];
    try {
      run(
        'npm',
        ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', ...installs],
        project,
      );
      const check = smoke[m.name] ?? '';
      const tfPeer = m.peerDependencies?.['@tensorflow/tfjs-core']
        ? "T.tf = await import('@tensorflow/tfjs-core');"
        : '';
      writeFileSync(
        join(project, 'esm.mjs'),
        `const T = {}; ${tfPeer}\nconst mod = await import('${m.name}');\nif (!Object.keys(mod).length) throw new Error('no exports');\n${check}\nconsole.log('esm ok');`,
      );
      writeFileSync(
        join(project, 'cjs.cjs'),
        `(async () => { const T = {}; ${tfPeer.replace('await import', 'require')}\nconst mod = require('${m.name}');\nif (!Object.keys(mod).length) throw new Error('no exports');\n${check}\nconsole.log('cjs ok'); })().catch((e) => { console.error(e); process.exit(1); });`,
      );
      run('node', ['esm.mjs'], project);
      run('node', ['cjs.cjs'], project);
      console.log(`pack-test ${m.name}: ok`);
    } catch (e) {
      failed++;
      console.log(`pack-test ${m.name}: FAILED\n${e.stdout ?? ''}${e.stderr ?? e.message}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`pack-test: ${selected.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
