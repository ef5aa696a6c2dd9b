// Compares the two teachers on the training images they distil on: accuracy, and how much their softened
// outputs (T = 4) say beyond the label (mean probability left off the true class).
// `npx tsx --conditions=@tessera/source src/teacher-check.ts`
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@tessera/core';
import { loadModel } from '@tessera/layers';
import { directoryStore } from '@tessera/layers/node';
import { testAccuracy } from './experiments.js';
import { disposeFashion, loadFashion } from './fashion.js';

await initBackend();
const data = await loadFashion({ trainSize: 20000 });
for (const name of ['seed-cnn', 'patient-teacher']) {
  const teacher = await loadModel(directoryStore(new URL(`../logs/${name}`, import.meta.url).pathname));
  const logits = (await teacher.predict(data.train.x, { batchSize: 500 })) as tf.Tensor2D;
  const [offTrue1, offTrue4] = tf.tidy(() =>
    [1, 4].map((t) => {
      const p = tf.softmax(tf.div(logits, t));
      const onTrue = tf.sum(tf.mul(p, tf.oneHot(tf.cast(data.train.y, 'int32'), 10)), -1);
      return tf.mean(tf.sub(1, onTrue));
    }),
  );
  console.log(
    `${name}: train accuracy (first 20,000) ${(100 * (await testAccuracy(teacher, data.train))).toFixed(2)} %, test ${(100 * (await testAccuracy(teacher, data.test))).toFixed(2)} %; probability off the true class at T = 1: ${(await offTrue1!.data())[0]!.toFixed(4)}, at T = 4: ${(await offTrue4!.data())[0]!.toFixed(4)}`,
  );
  tf.dispose([logits, offTrue1!, offTrue4!]);
  teacher.dispose();
}
disposeFashion(data);
