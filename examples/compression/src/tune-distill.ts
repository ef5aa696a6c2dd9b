import { Distiller } from '@tessera/compress';
import { initBackend } from '@tessera/core';
import { testAccuracy, train } from './experiments.js';
import { loadFashion } from './fashion.js';
import { seedCnn, studentCnn } from './models.js';

await initBackend('wasm');
const data = await loadFashion({ trainSize: 12000, testSize: 1000 });
const ST = 2000;
const small = { x: data.train.x.slice(0, ST), y: data.train.y.slice(0, ST) };
const t0 = process.cpuUsage();
const cpu = () => (process.cpuUsage(t0).user / 1e6).toFixed(1);
const teacher = seedCnn();
await train(teacher, data.train, { epochs: 2, batchSize: 64, learningRate: 2e-3 });
console.log('teacher', await testAccuracy(teacher, data.test), cpu());
const E = 4;
const alone = studentCnn();
await train(alone, small, { epochs: E, batchSize: 32, seed: 3, learningRate: 2e-3 });
console.log('alone', E, await testAccuracy(alone, data.test), cpu());
for (const [alpha, temperature] of [
  [0.1, 4],
  [0.5, 2],
  [0.1, 10],
]) {
  const s = studentCnn();
  const d = new Distiller({ teacher, student: s, alpha, temperature });
  d.compile({ optimizer: { name: 'adam', options: { learningRate: 2e-3 } } });
  await d.fit(small.x, small.y, { epochs: E, batchSize: 32, seed: 3 });
  console.log('distilled', alpha, temperature, await testAccuracy(s, data.test), cpu());
}
