import '@tensorflow/tfjs-backend-cpu';
import { Writable } from 'node:stream';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dense } from '../layers/core/dense.js';
import { sequential } from '../model/sequential.js';
import { progressBar } from './progress-bar.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function capture(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY, columns: 120 });
  return { stream, text: () => text };
}

async function train(callback: ReturnType<typeof progressBar>) {
  const net = sequential([new Dense({ units: 1, seed: 1 })], { inputShape: [2] });
  net.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mae'] });
  const [x, y] = [tf.ones([6, 2]), tf.zeros([6, 1])];
  const history = await net.fit(x, y, { epochs: 2, batchSize: 2, callbacks: [callback] });
  tf.dispose([x, y]);
  net.dispose();
  return history;
}

describe('progressBar', () => {
  it('prints Keras-style epoch lines when the output is not a terminal', async () => {
    const out = capture(false);
    const history = await train(progressBar({ stream: out.stream }));
    const lines = out.text().trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('Epoch 1/2');
    expect(lines[1]).toMatch(
      new RegExp(
        `^3/3 - \\d+m?s - \\d+m?s/step - loss: ${history.history.loss![0]!.toFixed(4)} - mae: \\d\\.\\d{4}$`,
      ),
    );
    expect(lines[2]).toBe('Epoch 2/2');
  });

  it('draws a cli-progress bar on a terminal', async () => {
    const out = capture(true);
    await train(progressBar({ stream: out.stream }));
    expect(out.text()).toContain('Epoch 2/2');
    expect(out.text()).toMatch(/3\/3 \[=+\]/);
    expect(out.text()).toMatch(/loss: \d\.\d{4} - mae: \d\.\d{4}/);
  });
});
