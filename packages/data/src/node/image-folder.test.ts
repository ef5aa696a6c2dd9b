import '@tensorflow/tfjs-backend-cpu';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ImageDecodeError } from './image-decode.js';
import { imageFolderDataset } from './image-folder.js';

const root = mkdtempSync(join(tmpdir(), 'tessera-images-'));
let before = 0;
beforeAll(async () => {
  await tf.setBackend('cpu');
});
beforeEach(() => {
  before = tf.memory().numTensors;
});
afterEach(() => expect(tf.memory().numTensors).toBe(before));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const image = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) image.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(image);
}
function jpg(width: number, height: number, rgb: [number, number, number]): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([...rgb, 255], i * 4);
  return jpeg.encode({ data, width, height }, 100).data;
}

/** cats: red PNG 5×7 and red JPEG 12×4; dogs: blue PNG 8×8 and a stray text file. */
function makeFolder(name: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, 'cats'), { recursive: true });
  mkdirSync(join(dir, 'dogs'), { recursive: true });
  writeFileSync(join(dir, 'cats', 'a.png'), png(5, 7, [200, 10, 10]));
  writeFileSync(join(dir, 'cats', 'b.JPG'), jpg(12, 4, [200, 10, 10]));
  writeFileSync(join(dir, 'dogs', 'c.png'), png(8, 8, [0, 0, 255]));
  writeFileSync(join(dir, 'dogs', 'notes.txt'), 'ignored');
  return dir;
}

describe('imageFolderDataset', () => {
  it('reads PNG and JPEG of mixed sizes, resizes, and labels by sorted class folder', async () => {
    const ds = await imageFolderDataset(makeFolder('mixed'), { targetSize: [6, 6] });
    expect(ds.classNames).toEqual(['cats', 'dogs']);
    expect(ds.size).toBe(3);
    const seen: { shape: number[]; label: number; pixel: number[] }[] = [];
    for await (const { image, label } of ds) {
      seen.push({
        shape: image.shape,
        label: (await label.data())[0] as number,
        pixel: Array.from((await image.data()).slice(0, 3)),
      });
    }
    expect(seen.map((s) => s.shape)).toEqual([
      [6, 6, 3],
      [6, 6, 3],
      [6, 6, 3],
    ]);
    expect(seen.map((s) => s.label)).toEqual([0, 0, 1]);
    expect(seen[0]!.pixel).toEqual([200, 10, 10]);
    // JPEG at quality 100 is within a couple of levels of the source colour.
    seen[1]!.pixel.forEach((v, i) => {
      expect(Math.abs(v - [200, 10, 10][i]!)).toBeLessThanOrEqual(3);
    });
    expect(seen[2]!.pixel).toEqual([0, 0, 255]);
  });

  it('grayscale uses luma weights; categorical and binary class modes; batching', async () => {
    const dir = makeFolder('modes');
    const grey = await imageFolderDataset(dir, {
      targetSize: [4, 4],
      colorMode: 'grayscale',
      classMode: 'categorical',
    });
    const [first] = await grey.take(1).toArray();
    expect(first!.image.shape).toEqual([4, 4, 1]);
    expect((await first!.image.data())[0]).toBeCloseTo(0.2989 * 200 + 0.587 * 10 + 0.114 * 10, 3);
    expect(Array.from(await first!.label.data())).toEqual([1, 0]);
    tf.dispose(first as never);
    const binary = await imageFolderDataset(dir, {
      targetSize: [4, 4],
      classMode: 'binary',
      colorMode: 'rgba',
    });
    for await (const batch of binary.batch(3)) {
      expect(batch.image.shape).toEqual([3, 4, 4, 4]);
      expect(Array.from(await batch.label.data())).toEqual([0, 0, 1]);
    }
  });

  it('a corrupt image raises ImageDecodeError naming the file', async () => {
    const dir = makeFolder('corrupt');
    const broken = join(dir, 'dogs', 'broken.png');
    writeFileSync(broken, Buffer.concat([png(4, 4, [1, 2, 3]).subarray(0, 40), Buffer.from('garbage')]));
    const ds = await imageFolderDataset(dir, { targetSize: [4, 4] });
    const error = await ds.toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageDecodeError);
    expect((error as ImageDecodeError).file).toBe(broken);
    expect((error as Error).message).toContain('broken.png');
  });

  it('validates options and folders', async () => {
    await expect(imageFolderDataset(join(root, 'absent'))).rejects.toThrow(/Cannot read image folder/);
    await expect(imageFolderDataset(makeFolder('v'), { classNames: ['cats', 'birds'] })).rejects.toThrow(
      /received "birds"/,
    );
  });
});
