// Builds tfjs-core's gradient (and chained-op) registrations into one ES module and one CommonJS module that
// plain Node and browsers both load.
//
// Why: tfjs-core's Node entry registers no gradients, and its `dist/register_all_gradients.js` is ESM with
// extensionless imports that plain Node cannot load. We bundle that file with esbuild. Every tfjs-core module
// it reaches whose exports all exist on the public API is replaced by a re-export of the public API, so the
// bundle shares the one engine, kernel registry and gradient registry of the installed tfjs-core; only
// private helpers (e.g. `avgPoolGrad`) are bundled. Modules holding engine state are never bundled: the
// script fails if one would be.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const tf = require('@tensorflow/tfjs-core');
const tfRoot = dirname(require.resolve('@tensorflow/tfjs-core/package.json'));
const dist = join(tfRoot, 'dist');
const outDir = join(here, '..', 'src', 'gradients', 'generated');

const entries = {
  'tfjs-gradients': join(dist, 'register_all_gradients.js'),
  'tfjs-chained-ops': join(dist, 'public', 'chained_ops', 'register_all_chained_ops.js'),
};
// Registration files themselves are bundled; everything else is shimmed when the public API has it.
const alwaysBundled = (file) =>
  file.startsWith(`${join(dist, 'gradients')}/`) ||
  file.startsWith(`${join(dist, 'public', 'chained_ops')}/`) ||
  Object.values(entries).includes(file);
// Modules that hold engine/registry state must resolve to the installed package, never to a copy.
const stateful = new Set([
  'engine',
  'environment',
  'kernel_registry',
  'global_util',
  'tensor',
  'tape',
  'flags',
]);
const forcedShims = {
  base: "export * from '@tensorflow/tfjs-core';",
  index: "export * from '@tensorflow/tfjs-core';",
  'ops/ops': "export * from '@tensorflow/tfjs-core';",
  util: `export const { ${Object.keys(tf.util).join(', ')} } = tf.util;`,
  backend_util: `export const { ${Object.keys(tf.backend_util).join(', ')} } = tf.backend_util;`,
  engine: 'export const ENGINE = tf.engine();',
  environment: 'export const env = tf.env; export const ENV = tf.env();',
  tensor:
    'export const Tensor = tf.Tensor; export const Variable = tf.Variable; export const getGlobalTensorClass = () => tf.Tensor;',
};
const namespaces = { '': tf, 'backend_util.': tf.backend_util, 'util.': tf.util };

function exportedNames(source) {
  const names = new Set();
  for (const m of source.matchAll(
    /export\s+(?:const|let|var|function\*?|class|async\s+function)\s+([A-Za-z_$][\w$]*)/g,
  ))
    names.add(m[1]);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1].split(',')) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (name) names.add(name);
    }
  }
  const reexportsAll = /export\s*\*\s*from/.test(source);
  return { names: [...names], reexportsAll };
}

function publicPath(name) {
  for (const [prefix, ns] of Object.entries(namespaces)) if (ns && name in ns) return `tf.${prefix}${name}`;
  return null;
}

const bundled = [];
const shimPlugin = {
  name: 'tfjs-core-public-shim',
  setup(b) {
    b.onResolve({ filter: /^@tensorflow\/tfjs-core$/ }, () => ({
      path: '@tensorflow/tfjs-core',
      external: true,
    }));
    b.onLoad({ filter: /\.js$/ }, (args) => {
      const file = args.path;
      if (!file.startsWith(dist) || alwaysBundled(file)) return undefined;
      const base = relative(dist, file).replace(/\.js$/, '');
      const prelude = "import * as tf from '@tensorflow/tfjs-core';\n";
      const source = readFileSync(file, 'utf8');
      const { names, reexportsAll } = exportedNames(source);
      const paths = names.map((n) => [n, publicPath(n)]);
      if (forcedShims[base] !== undefined) {
        // State-holding module: its public names come from the installed package, the rest from the shim.
        const forced = forcedShims[base];
        const extra = paths.filter(([n, p]) => p && !new RegExp(`\\b${n}\\b`).test(forced));
        return {
          contents: `${prelude + forced}\n${extra.map(([n, p]) => `export const ${n} = ${p};`).join('\n')}`,
          loader: 'js',
        };
      }
      if (!reexportsAll && paths.every(([, p]) => p)) {
        return {
          contents: prelude + paths.map(([n, p]) => `export const ${n} = ${p};`).join('\n'),
          loader: 'js',
        };
      }
      if (stateful.has(base)) throw new Error(`refusing to bundle stateful tfjs-core module ${base}`);
      bundled.push(base);
      return undefined;
    });
  },
};

mkdirSync(outDir, { recursive: true });
for (const [name, entry] of Object.entries(entries)) {
  // A declaration beside each bundle keeps type checkers and declaration bundlers out of the generated JS.
  // The chained-ops declaration also pulls in tfjs-core's own `Tensor` method typings (`x.square()`).
  const typings =
    name === 'tfjs-chained-ops'
      ? "import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';\n"
      : '';
  writeFileSync(
    join(outDir, `${name}.d.ts`),
    `// Generated. Side-effect module: registers tfjs-core gradients or chained ops.\n${typings}export {};\n`,
  );
  for (const format of ['esm', 'cjs']) {
    await build({
      entryPoints: [entry],
      bundle: true,
      format,
      platform: 'neutral',
      target: 'es2020',
      outfile: join(outDir, `${name}.${format === 'esm' ? 'js' : 'cjs'}`),
      plugins: [shimPlugin],
      logLevel: 'error',
      legalComments: 'inline',
      banner: {
        js: `// Generated by packages/core/scripts/generate-gradients.mjs from @tensorflow/tfjs-core ${tf.version_core} (Apache-2.0). Do not edit.`,
      },
    });
  }
}
if (process.argv.includes('--verbose'))
  console.log('bundled private tfjs-core modules:', [...new Set(bundled)].sort().join(', '));
