import { build } from 'esbuild';
const r = await build({ entryPoints: [process.argv[2]], bundle: true, format: 'esm', platform: 'browser', conditions: ['@tessera/source'], write: false, logLevel: 'warning', target: 'es2022' });
console.log(r.outputFiles[0].contents.length);
