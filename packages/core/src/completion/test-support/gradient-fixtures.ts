import { readFileSync } from 'node:fs';
import * as tfc from '@tensorflow/tfjs-core';

/** Test-only: the PyTorch reference gradients in `gradients/fixes/__fixtures__` (see the generator there). */

export interface FixtureTensor {
  readonly shape: number[];
  readonly values: number[];
}

export interface ConvFixture {
  readonly name: string;
  readonly op: 'conv2d' | 'depthwise';
  readonly strides: [number, number];
  readonly dilations: [number, number];
  readonly pad: 'same' | 'valid' | tfc.backend_util.ExplicitPadding;
  readonly x: FixtureTensor;
  readonly filter: FixtureTensor;
  readonly y: FixtureTensor;
  readonly dy: FixtureTensor;
  readonly dx: number[];
  readonly dfilter: number[];
}

export interface PoolFixture {
  readonly name: string;
  readonly op: 'avgPool' | 'maxPool';
  readonly filterSize: [number, number];
  readonly strides: [number, number];
  readonly pad: 'same' | 'valid' | number;
  readonly x: FixtureTensor;
  readonly y: FixtureTensor;
  readonly dy: FixtureTensor;
  readonly dx: number[];
}

function load<T>(file: string): T[] {
  const url = new URL(`../../gradients/fixes/__fixtures__/${file}`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { cases: T[] }).cases;
}

export const convFixtures = (): ConvFixture[] => load<ConvFixture>('conv-gradients.json');
export const poolFixtures = (): PoolFixture[] => load<PoolFixture>('pool-gradients.json');

const tensor4d = (t: FixtureTensor) => tfc.tensor4d(t.values, t.shape as [number, number, number, number]);

/** `[y, dx, dfilter]` of `sum(op(x, filter) · dy)` through `tf.grads`, on the active backend. */
export function convGradients(f: ConvFixture): tfc.Tensor[] {
  return tfc.tidy(() => {
    const dy = tensor4d(f.dy);
    const forward = (x: tfc.Tensor4D, filter: tfc.Tensor4D) =>
      f.op === 'conv2d'
        ? tfc.conv2d(x, filter, f.strides, f.pad, 'NHWC', f.dilations)
        : tfc.depthwiseConv2d(x, filter, f.strides, f.pad, 'NHWC', f.dilations);
    const { value, grads } = tfc.valueAndGrads((x: tfc.Tensor, filter: tfc.Tensor) =>
      tfc.sum(tfc.mul(forward(x as tfc.Tensor4D, filter as tfc.Tensor4D), dy)),
    )([tensor4d(f.x), tensor4d(f.filter)]);
    value.dispose();
    return [forward(tensor4d(f.x), tensor4d(f.filter)), ...grads];
  });
}

/** `[y, dx]` of `sum(pool(x) · dy)` through `tf.grad`, on the active backend. */
export function poolGradients(f: PoolFixture): tfc.Tensor[] {
  return tfc.tidy(() => {
    const dy = tensor4d(f.dy);
    const forward = (x: tfc.Tensor4D) =>
      f.op === 'avgPool'
        ? tfc.avgPool(x, f.filterSize, f.strides, f.pad)
        : tfc.maxPool(x, f.filterSize, f.strides, f.pad);
    const dx = tfc.grad((x: tfc.Tensor) => tfc.sum(tfc.mul(forward(x as tfc.Tensor4D), dy)))(tensor4d(f.x));
    return [forward(tensor4d(f.x)), dx];
  });
}

export interface Pool3DFixture {
  readonly name: string;
  readonly op: 'avgPool3d' | 'maxPool3d';
  readonly filterSize: [number, number, number];
  readonly strides: [number, number, number];
  readonly pad: 'same' | 'valid' | number;
  readonly x: FixtureTensor;
  readonly y: FixtureTensor;
  readonly dy: FixtureTensor;
  readonly dx: number[];
}

export const pool3dFixtures = (): Pool3DFixture[] => load<Pool3DFixture>('pool3d-gradients.json');

/** `[y, dx]` of `sum(pool3d(x) · dy)` through `tf.grad`, on the active backend. */
export function pool3dGradients(f: Pool3DFixture): tfc.Tensor[] {
  return tfc.tidy(() => {
    const x = tfc.tensor5d(f.x.values, f.x.shape as [number, number, number, number, number]);
    const dy = tfc.tensor5d(f.dy.values, f.dy.shape as [number, number, number, number, number]);
    const pool = f.op === 'avgPool3d' ? tfc.avgPool3d : tfc.maxPool3d;
    const forward = (v: tfc.Tensor) => pool(v as tfc.Tensor5D, f.filterSize, f.strides, f.pad);
    const dx = tfc.grad((v: tfc.Tensor) => tfc.sum(tfc.mul(forward(v), dy)))(x);
    return [forward(x), dx];
  });
}
