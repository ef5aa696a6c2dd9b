import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { describe, expect, it } from 'vitest';
import { conformanceCases } from './index.js';

/** The kernels the layer zoo's forward and backward passes need; the suite must exercise every one. */
const LAYER_ZOO_KERNELS = [
  'BatchMatMul',
  '_FusedMatMul',
  'Conv2D',
  'Conv2DBackpropInput',
  'Conv2DBackpropFilter',
  'FusedConv2D',
  'DepthwiseConv2dNative',
  'DepthwiseConv2dNativeBackpropInput',
  'DepthwiseConv2dNativeBackpropFilter',
  'MaxPool',
  'MaxPoolGrad',
  'AvgPool',
  'AvgPoolGrad',
  'Relu',
  'Relu6',
  'Elu',
  'EluGrad',
  'Selu',
  'LeakyRelu',
  'Prelu',
  'Sigmoid',
  'Tanh',
  'Softplus',
  'Exp',
  'Log',
  'Log1p',
  'Sqrt',
  'Rsqrt',
  'Square',
  'Abs',
  'Neg',
  'Sin',
  'Cos',
  'Erf',
  'Step',
  'Floor',
  'Round',
  'Add',
  'Sub',
  'Multiply',
  'RealDiv',
  'Pow',
  'Maximum',
  'Minimum',
  'SquaredDifference',
  'FloorDiv',
  'Equal',
  'NotEqual',
  'Greater',
  'GreaterEqual',
  'Less',
  'LessEqual',
  'LogicalAnd',
  'LogicalOr',
  'LogicalNot',
  'Sum',
  'Mean',
  'Max',
  'Min',
  'Prod',
  'ArgMax',
  'Softmax',
  'Transpose',
  'Reshape',
  'Slice',
  'StridedSlice',
  'Concat',
  'Pack',
  'Unpack',
  'SplitV',
  'PadV2',
  'Tile',
  'GatherV2',
  'UnsortedSegmentSum',
  'OneHot',
  'Cast',
  'Select',
  'ClipByValue',
  'FusedBatchNorm',
  'Cumsum',
  'ExpandDims',
  'ZerosLike',
  'OnesLike',
  'Fill',
  'Range',
  'AddN',
];

// Every gradient computation runs Identity; scopes such as `fusedMatMul__op` are not kernels.
const isListed = (name: string) => name !== 'Identity' && !name.includes('__');

describe('conformanceCases', () => {
  it('have unique names', () => {
    const names = conformanceCases().map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('cover every kernel the layer zoo needs', () => {
    const covered = new Set(conformanceCases().flatMap((c) => c.kernels));
    expect(LAYER_ZOO_KERNELS.filter((k) => !covered.has(k))).toEqual([]);
  });

  it('declare exactly the kernels they run (so a skip by kernel id is exact), checked on cpu', async () => {
    await tf.setBackend('cpu');
    const before = tf.memory().numTensors;
    const mismatches: string[] = [];
    for (const testCase of conformanceCases()) {
      const profile = await tf.profile(async () => {
        await testCase.run('cpu');
        return tf.scalar(0);
      });
      tf.dispose(profile.result as tf.Tensor);
      const ran = profile.kernelNames.filter(isListed);
      const declared = [...testCase.kernels];
      if ([...ran].sort().join() !== [...declared].sort().join()) {
        mismatches.push(`${testCase.name}: declares [${declared.join(', ')}] but runs [${ran.join(', ')}]`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
