import {
  type BuiltinDatasetOptions,
  type ImageDatasetSplits,
  loadMnistLike,
  type MnistLikeSpec,
} from './mnist-like.js';

const idx = (name: string, gzMd5: string, rawMd5: string) => ({ name, gzMd5, rawMd5 });

/** Published checksums and locations of Fashion-MNIST (Zalando Research, MIT licence). */
export const FASHION_MNIST: MnistLikeSpec = {
  id: 'fashion-mnist',
  title: 'Fashion-MNIST',
  baseUrl: 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
  defaultPath: '/usr/share/datasets/fashion-mnist',
  installHint: 'Install them with `apt-get install dataset-fashion-mnist` (Debian)',
  files: {
    trainImages: idx(
      'train-images-idx3-ubyte',
      '8d4fb7e6c68d591d4c3dfef9ec88bf0d',
      'f4a8712d7a061bf5bd6d2ca38dc4d50a',
    ),
    trainLabels: idx(
      'train-labels-idx1-ubyte',
      '25c81989df183df01b3e8a0aad5dffbe',
      '9018921c3c673c538a1fc5bad174d6f9',
    ),
    testImages: idx(
      't10k-images-idx3-ubyte',
      'bef4ecab320f06d8554ea6380940ec79',
      '8181f5470baa50b63fa0f6fddb340f0a',
    ),
    testLabels: idx(
      't10k-labels-idx1-ubyte',
      'bb300cfdad3c16e7a12a480ee83cd310',
      '15d484375f8d13e6eb1aabb0c3f46965',
    ),
  },
  classNames: [
    'T-shirt/top',
    'Trouser',
    'Pullover',
    'Dress',
    'Coat',
    'Sandal',
    'Shirt',
    'Sneaker',
    'Bag',
    'Ankle boot',
  ],
};

/** Published checksums and locations of MNIST (Y. LeCun, C. Cortes, C.J.C. Burges). */
export const MNIST: MnistLikeSpec = {
  id: 'mnist',
  title: 'MNIST',
  baseUrl: 'https://storage.googleapis.com/cvdf-datasets/mnist/',
  files: {
    trainImages: idx(
      'train-images-idx3-ubyte',
      'f68b3c2dcbeaaa9fbdd348bbdeb94873',
      '6bbc9ace898e44ae57da46a324031adb',
    ),
    trainLabels: idx(
      'train-labels-idx1-ubyte',
      'd53e105ee54ea40749a09fcbcd1e9432',
      'a25bea736e30d166cdddb491f175f624',
    ),
    testImages: idx(
      't10k-images-idx3-ubyte',
      '9fb629c4189551a2d022fa330f9573f3',
      '2646ac647ad5339dbf082846283269ea',
    ),
    testLabels: idx(
      't10k-labels-idx1-ubyte',
      'ec29112dd5afa0611ce80d1b7f02629c',
      '27ae3e4e09519cfbb04c329615203637',
    ),
  },
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
};

/**
 * Fashion-MNIST (60,000 + 10,000 grey 28×28 images, 10 classes) from its standard IDX files. Looks in
 * `path` (default `/usr/share/datasets/fashion-mnist`, where Debian's `dataset-fashion-mnist` installs
 * them), then the cache; with `download: true` fetches missing files from the canonical URL, verifying
 * checksums. Loaded files are checked against the published MD5s of their decompressed contents.
 * @example
 * ```ts
 * import { fashionMnist } from '@tessera/data/node';
 * const { train, test, classNames } = await fashionMnist();
 * const { images, labels } = imageSetToTensors(test); // [10000, 28, 28, 1] in 0..1
 * ```
 * @throws {IOError} when the files are absent (saying how to get them), corrupt, or fail verification.
 * @see https://github.com/zalandoresearch/fashion-mnist — H. Xiao, K. Rasul, R. Vollgraf (2017).
 */
export function fashionMnist(options: BuiltinDatasetOptions = {}): Promise<ImageDatasetSplits> {
  return loadMnistLike(FASHION_MNIST, options);
}

/**
 * MNIST handwritten digits (60,000 + 10,000 grey 28×28 images) from the standard IDX files in `path`
 * or the cache; `download: true` fetches them from the canonical mirror with checksum verification.
 * @example
 * ```ts
 * const { train } = await mnist({ path: 'data/mnist', download: true });
 * ```
 * @throws {IOError} when the files are absent (and `download` is not set), corrupt, or fail verification.
 * @see http://yann.lecun.com/exdb/mnist/
 */
export function mnist(options: BuiltinDatasetOptions = {}): Promise<ImageDatasetSplits> {
  return loadMnistLike(MNIST, options);
}
