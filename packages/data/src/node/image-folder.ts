import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { IOError, ValidationError } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { Dataset } from '../dataset/dataset.js';
import { createRng } from '../random/rng.js';
import { decodeImage } from './image-decode.js';

/** Options of {@link imageFolderDataset} (names follow Keras `image_dataset_from_directory`). */
export interface ImageFolderOptions {
  /** `[height, width]` every image is resized to (bilinear, half-pixel centres); default `[256, 256]`. */
  targetSize?: [number, number];
  /** Channels of the output: 1, 3 or 4 (default `'rgb'`). Grey uses ITU-R 601 luma weights. */
  colorMode?: 'grayscale' | 'rgb' | 'rgba';
  /** Label encoding: int32 index (default), float32 one-hot, or float32 0/1 (exactly two classes). */
  classMode?: 'int' | 'categorical' | 'binary';
  /** Class sub-folders to use, in label order (default: every sub-folder, sorted). */
  classNames?: string[];
  interpolation?: 'bilinear' | 'nearest';
  /** Shuffle the file list once with `seed` (use `.shuffle()` for per-epoch order). */
  shuffleFiles?: boolean;
  seed?: number;
}

/** An image-folder dataset: `{ image, label }` elements plus the classes and files it found. */
export type ImageFolderDataset = Dataset<{ image: tf.Tensor3D; label: tf.Tensor }> & {
  readonly classNames: string[];
  readonly files: readonly { path: string; classIndex: number }[];
};

const EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);

/**
 * A dataset over a folder with one sub-folder per class (Keras `flow_from_directory` layout). Each
 * element is `{ image: float32 [h, w, c] in 0..255, label }`. PNG and JPEG files of any size are decoded
 * and resized; a corrupt file raises {@link ImageDecodeError} naming it when reached.
 * @example
 * ```ts
 * const ds = await imageFolderDataset('photos/', { targetSize: [150, 150], classMode: 'binary' });
 * const batches = ds.shuffle(512, { seed: 1 }).batch(32).prefetch(2);
 * ```
 * @throws {ValidationError} for bad options; {@link IOError} when the folder is unreadable or holds no images.
 */
export async function imageFolderDataset(
  directory: string,
  options: ImageFolderOptions = {},
): Promise<ImageFolderDataset> {
  const [height, width] = options.targetSize ?? [256, 256];
  if (![height, width].every((d) => Number.isInteger(d) && d > 0))
    throw ValidationError.expected(
      'targetSize [height, width] of positive integers',
      options.targetSize,
      'imageFolderDataset',
    );
  const colorMode = options.colorMode ?? 'rgb';
  const channels = { grayscale: 1, rgb: 3, rgba: 4 }[colorMode];
  if (!channels)
    throw ValidationError.expected("colorMode 'grayscale', 'rgb' or 'rgba'", colorMode, 'imageFolderDataset');
  const classMode = options.classMode ?? 'int';
  if (!['int', 'categorical', 'binary'].includes(classMode))
    throw ValidationError.expected(
      "classMode 'int', 'categorical' or 'binary'",
      classMode,
      'imageFolderDataset',
    );

  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (cause) {
    throw new IOError(`Cannot read image folder ${directory}`, { where: directory, cause });
  }
  const found = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const classNames = options.classNames ?? found;
  for (const name of classNames)
    if (!found.includes(name))
      throw ValidationError.expected(
        `a class folder in ${directory} (${found.join(', ')})`,
        name,
        'imageFolderDataset({ classNames })',
      );
  if (classMode === 'binary' && classNames.length !== 2)
    throw ValidationError.expected(
      "exactly 2 classes for classMode 'binary'",
      classNames.length,
      'imageFolderDataset',
    );
  const files: { path: string; classIndex: number }[] = [];
  for (const [classIndex, name] of classNames.entries()) {
    const names = (await readdir(join(directory, name), { withFileTypes: true }))
      .filter((e) => e.isFile() && EXTENSIONS.has(extname(e.name).toLowerCase()))
      .map((e) => e.name)
      .sort();
    for (const file of names) files.push({ path: join(directory, name, file), classIndex });
  }
  if (files.length === 0)
    throw new IOError(`No PNG or JPEG files in the class folders of ${directory}`, { where: directory });
  if (options.shuffleFiles) createRng(options.seed ?? 0).shuffle(files);

  const label = (classIndex: number): tf.Tensor =>
    classMode === 'categorical'
      ? tf.oneHot(tf.scalar(classIndex, 'int32'), classNames.length).toFloat()
      : classMode === 'binary'
        ? tf.scalar(classIndex, 'float32')
        : tf.scalar(classIndex, 'int32');
  const producer = async function* () {
    for (const { path, classIndex } of files) {
      const decoded = decodeImage(await readFile(path), path);
      yield tf.tidy(() => {
        const rgba = tf.tensor3d(decoded.rgba, [decoded.height, decoded.width, 4], 'int32').toFloat();
        let image: tf.Tensor3D =
          channels === 4
            ? rgba
            : channels === 3
              ? rgba.slice([0, 0, 0], [-1, -1, 3])
              : rgba
                  .slice([0, 0, 0], [-1, -1, 3])
                  .mul(tf.tensor1d([0.2989, 0.587, 0.114]))
                  .sum(-1, true);
        if (decoded.height !== height || decoded.width !== width) {
          image =
            options.interpolation === 'nearest'
              ? tf.image.resizeNearestNeighbor(image, [height, width], false, true)
              : tf.image.resizeBilinear(image, [height, width], false, true);
        }
        return { image, label: label(classIndex) };
      });
    }
  };
  return Object.assign(new Dataset(producer, files.length), { classNames: classNames.slice(), files });
}
