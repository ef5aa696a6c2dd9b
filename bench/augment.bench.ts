// Image augmentation throughput of @tessera/data: flip + rotate + zoom + shift, all geometric steps fused
// into one projective transform per image (one tf.image.transform call per batch) versus one transform call
// per augmentation. `npm run bench -- augment`; results in bench/results/augment.{json,md}.
import '@tensorflow/tfjs-backend-cpu';
import { type AugmentationConfig, createImageAugmenter } from '@tessera/data';
import * as tf from '@tensorflow/tfjs-core';
import type { Benchmark } from './harness.js';

const CONFIG: AugmentationConfig = {
  horizontalFlip: true,
  rotationRange: 15,
  zoomRange: 0.1,
  widthShiftRange: 0.1,
  heightShiftRange: 0.1,
};
const SMALL = { batch: 256, size: 28, channels: 1 };
const LARGE = { batch: 16, size: 150, channels: 3 };

let small: tf.Tensor4D | undefined;
let large: tf.Tensor4D | undefined;

async function run(images: tf.Tensor4D | undefined, fused: boolean): Promise<number> {
  if (!images) throw new Error('setup did not run');
  const augmenter = createImageAugmenter(CONFIG, { seed: 1 });
  const out = augmenter.apply(images, { fused });
  await out.data(); // wait for the backend to finish
  out.dispose();
  return images.shape[0];
}

const bench: Benchmark = {
  name: 'augment',
  description: `Random horizontal flip, rotation (±15°), zoom (±10 %) and width/height shift (±10 %) on float32 batches: ${SMALL.batch} × ${SMALL.size}×${SMALL.size}×${SMALL.channels} and ${LARGE.batch} × ${LARGE.size}×${LARGE.size}×${LARGE.channels}, bilinear sampling, tfjs CPU backend. "fused" composes the four geometric steps into one 3×3 matrix per image and makes one tf.image.transform call per batch; "per augmentation" makes one call per step (4 calls), as chaining separate augmentation layers would. tfjs-backend-cpu 4.22's batched Transform kernel only processes the first image of a batch, so on the CPU backend @tessera/data calls it once per image: 1 call per image fused, 4 per image otherwise.`,
  unit: 'images/s',
  repeats: 5,
  async setup() {
    await tf.setBackend('cpu');
    small = tf.randomUniform(
      [SMALL.batch, SMALL.size, SMALL.size, SMALL.channels],
      0,
      1,
      'float32',
      1,
    ) as tf.Tensor4D;
    large = tf.randomUniform(
      [LARGE.batch, LARGE.size, LARGE.size, LARGE.channels],
      0,
      1,
      'float32',
      2,
    ) as tf.Tensor4D;
  },
  teardown() {
    tf.dispose([small as tf.Tensor, large as tf.Tensor]);
  },
  cases: {
    '28×28 fused (1 transform)': () => run(small, true),
    '28×28 per augmentation (4 transforms)': () => run(small, false),
    '150×150 fused (1 transform)': () => run(large, true),
    '150×150 per augmentation (4 transforms)': () => run(large, false),
  },
};

export default bench;
