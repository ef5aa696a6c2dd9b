import { readFileSync } from 'node:fs';
import type * as tf from '@tensorflow/tfjs-core';

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
  readonly pad: 'same' | 'valid' | tf.backend_util.ExplicitPadding;
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
