import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dense } from '../../layers/core/dense.js';
import { Flatten } from '../../layers/core/flatten.js';
import { Conv2D } from '../../layers/convolutional/conv2d.js';
import { Add } from '../../layers/merging/add.js';
import { Concatenate } from '../../layers/merging/concatenate.js';
import { BatchNormalization } from '../../layers/normalization/batch-normalization.js';
import { MaxPooling2D } from '../../layers/pooling/max-pooling2d.js';
import { Dropout } from '../../layers/regularization/dropout.js';
import { model } from '../../model/functional.js';
import { input } from '../../model/input-layer.js';
import type { Model } from '../../model/model.js';
import { sequential } from '../../model/sequential.js';
import type { SymbolicTensor } from '../../model/symbolic-tensor.js';
import { WeightsMismatchError } from '../model-file-errors.js';
import { modelFromTfjsArtifacts, modelToTfjsArtifacts } from './tfjs-format.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Captures what a tfjs `save` hands its handler. */
async function capture(save: (h: tf.io.IOHandler) => Promise<unknown>): Promise<tf.io.ModelArtifacts> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return artifacts!;
}

async function expectSameOutputs(a: tf.Tensor | tf.Tensor[], b: tf.Tensor | tf.Tensor[]): Promise<void> {
  const xs = Array.isArray(a) ? a : [a];
  const ys = Array.isArray(b) ? b : [b];
  expect(xs.length).toBe(ys.length);
  for (let i = 0; i < xs.length; i++) {
    expect(xs[i]!.shape).toEqual(ys[i]!.shape);
    const [u, v] = await Promise.all([xs[i]!.data(), ys[i]!.data()]);
    for (let k = 0; k < u.length; k++) expect(u[k]!).toBeCloseTo(v[k]!, 5);
  }
  tf.dispose([...xs, ...ys]);
}

describe('tfjs layers format', () => {
  it('loads a Sequential CNN saved by tfjs-layers and predicts what tfjs predicts', async () => {
    const before = tf.memory().numTensors;
    const reference = tfl.sequential({
      layers: [
        tfl.layers.conv2d({
          inputShape: [8, 8, 1],
          filters: 4,
          kernelSize: 3,
          activation: 'relu',
          biasInitializer: 'randomNormal',
        }),
        tfl.layers.maxPooling2d({ poolSize: 2 }),
        tfl.layers.batchNormalization({
          movingMeanInitializer: 'randomNormal',
          gammaInitializer: 'randomUniform',
        }),
        tfl.layers.flatten(),
        tfl.layers.dropout({ rate: 0.2 }),
        tfl.layers.dense({
          units: 3,
          activation: 'softmax',
          kernelRegularizer: tfl.regularizers.l2({ l2: 0.01 }),
        }),
      ],
    });
    const artifacts = await capture((h) => reference.save(h));
    const loaded = await modelFromTfjsArtifacts(artifacts);
    expect(loaded.className).toBe('Sequential');
    const x = tf.randomNormal([5, 8, 8, 1], 0, 1, 'float32', 3);
    await expectSameOutputs(await loaded.predict(x, { batchSize: 2 }), reference.predict(x) as tf.Tensor);
    await expectSameOutputs(await loaded.predict(x), reference.predict(x) as tf.Tensor);
    x.dispose();
    loaded.dispose();
    reference.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loads a functional model with a shared layer and two outputs', async () => {
    const before = tf.memory().numTensors;
    const x = tfl.input({ shape: [4], name: 'features' });
    const shared = tfl.layers.dense({ units: 2, name: 'shared', biasInitializer: 'randomNormal' });
    const a = shared.apply(x) as tfl.SymbolicTensor;
    const hidden = tfl.layers.dense({ units: 4, activation: 'tanh' }).apply(x) as tfl.SymbolicTensor;
    const b = shared.apply(hidden) as tfl.SymbolicTensor;
    const sum = tfl.layers.add().apply([a, b]) as tfl.SymbolicTensor;
    const reference = tfl.model({ inputs: x, outputs: [sum, a] });
    const loaded = await modelFromTfjsArtifacts(await capture((h) => reference.save(h)));
    expect(loaded.className).toBe('Functional');
    expect(loaded.layers.map((l) => l.name)).toContain('shared');
    const data = tf.randomNormal([3, 4], 0, 1, 'float32', 9);
    await expectSameOutputs(await loaded.predict(data), reference.predict(data) as tf.Tensor[]);
    data.dispose();
    loaded.dispose();
    reference.dispose();
    shared.dispose(); // tfjs-layers counts one reference per call of a shared layer and keeps one after model.dispose()
    expect(tf.memory().numTensors).toBe(before);
  });

  it('exports Sequential and functional models that tfjs-layers loads with identical predictions', async () => {
    const before = tf.memory().numTensors;
    const cnn = sequential(
      [
        input({ shape: [6, 6, 2] }),
        new Conv2D({
          filters: 3,
          kernelSize: 3,
          activation: 'relu',
          biasInitializer: 'randomNormal',
          seed: 1,
        }),
        new MaxPooling2D({ poolSize: 2 }),
        new BatchNormalization({ movingMeanInitializer: 'randomNormal', seed: 2 }),
        new Flatten(),
        new Dropout({ rate: 0.5 }),
        new Dense({
          units: 4,
          activation: 'softmax',
          kernelRegularizer: { name: 'l2', options: { l2: 0.1 } },
          seed: 3,
        }),
      ],
      { seed: 4 },
    );
    const a = input({ shape: [5], name: 'left' });
    const b = input({ shape: [5], name: 'right' });
    const shared = new Dense({
      units: 3,
      activation: 'relu',
      seed: 5,
      biasInitializer: 'ones',
      name: 'shared_dense',
    });
    const joined = new Concatenate({}).apply([
      shared.apply(a) as SymbolicTensor,
      shared.apply(b) as SymbolicTensor,
    ]) as SymbolicTensor;
    const out = new Add({}).apply([
      new Dense({ units: 2, seed: 6 }).apply(joined) as SymbolicTensor,
      new Dense({ units: 2, seed: 7 }).apply(joined) as SymbolicTensor,
    ]);
    const siamese = model({ inputs: [a, b], outputs: out, seed: 8 });
    for (const [ours, inputs] of [
      [cnn, [tf.randomNormal([3, 6, 6, 2], 0, 1, 'float32', 11)]],
      [siamese, [tf.randomNormal([3, 5], 0, 1, 'float32', 12), tf.randomNormal([3, 5], 0, 1, 'float32', 13)]],
    ] as [Model, tf.Tensor[]][]) {
      const artifacts = await modelToTfjsArtifacts(ours);
      const arg = inputs.length === 1 ? inputs[0]! : inputs;
      const expected = await ours.predict(arg);
      // tfjs-layers registers engine variables under Keras names (dense_1/kernel) and refuses names in use.
      ours.dispose();
      const theirs = await tfl.loadLayersModel(tf.io.fromMemory(artifacts));
      await expectSameOutputs(expected, theirs.predict(arg) as tf.Tensor);
      theirs.dispose();
      if (inputs.length === 2) theirs.getLayer('shared_dense').dispose(); // see above: tfjs's shared-layer count
      tf.dispose(inputs);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('names the file and the weight when weights do not fit', async () => {
    const before = tf.memory().numTensors;
    const reference = tfl.sequential({
      layers: [tfl.layers.dense({ inputShape: [3], units: 2, name: 'head' })],
    });
    const artifacts = await capture((h) => reference.save(h));
    const specs = artifacts.weightSpecs!.map((s) =>
      s.name === 'head/kernel' ? { ...s, name: 'head/kernal' } : s,
    );
    const error = await modelFromTfjsArtifacts(
      { ...artifacts, weightSpecs: specs },
      {},
      'models/head/model.json',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeightsMismatchError);
    expect((error as WeightsMismatchError).weight).toBe('head/kernel');
    expect((error as Error).message).toContain('models/head/model.json');
    reference.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads Keras topologies as tensorflowjs_converter writes them (Keras 2 model_config, Keras 3 nodes)', async () => {
    const before = tf.memory().numTensors;
    const glorot = { class_name: 'GlorotUniform', config: { seed: null } };
    const dense = {
      name: 'dense',
      trainable: true,
      dtype: 'float32',
      units: 3,
      activation: 'relu',
      use_bias: true,
      kernel_initializer: glorot,
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
    };
    const keras2 = {
      keras_version: '2.15.0',
      backend: 'tensorflow',
      model_config: {
        class_name: 'Sequential',
        config: {
          name: 'sequential',
          layers: [
            {
              class_name: 'InputLayer',
              config: {
                batch_input_shape: [null, 4],
                dtype: 'float32',
                sparse: false,
                ragged: false,
                name: 'input_1',
              },
            },
            { class_name: 'Dense', config: dense },
          ],
        },
      },
    };
    const policy = {
      module: 'keras',
      class_name: 'DTypePolicy',
      config: { name: 'float32' },
      registered_name: null,
    };
    const tensor = (name: string) => ({
      class_name: '__keras_tensor__',
      config: { shape: [null, 4], dtype: 'float32', keras_history: [name, 0, 0] },
    });
    const keras3 = {
      class_name: 'Functional',
      config: {
        name: 'functional',
        layers: [
          {
            module: 'keras.layers',
            class_name: 'InputLayer',
            config: { batch_shape: [null, 4], dtype: 'float32', sparse: false, name: 'input_layer' },
            name: 'input_layer',
            inbound_nodes: [],
          },
          {
            module: 'keras.layers',
            class_name: 'Dense',
            config: {
              ...dense,
              dtype: policy,
              kernel_initializer: { module: 'keras.initializers', ...glorot, registered_name: null },
            },
            name: 'dense',
            inbound_nodes: [{ args: [tensor('input_layer')], kwargs: {} }],
          },
        ],
        input_layers: [['input_layer', 0, 0]],
        output_layers: [['dense', 0, 0]],
      },
    };
    const kernel = tf.tensor2d([
      [0.5, -1, 0.2],
      [0.1, 0.3, -0.4],
      [-0.2, 0.6, 0.9],
      [1, 0, -0.5],
    ]);
    const bias = tf.tensor1d([0.1, -0.2, 0.3]);
    const { data, specs } = await tf.io.encodeWeights([
      { name: 'dense/kernel:0', tensor: kernel },
      { name: 'dense/bias:0', tensor: bias },
    ]);
    const x = tf.tensor2d([
      [1, 2, 3, 4],
      [-1, 0.5, 0, 2],
    ]);
    const expected = tf.tidy(() => tf.relu(tf.add(tf.matMul(x, kernel), bias)));
    for (const topology of [keras2, keras3]) {
      const loaded = await modelFromTfjsArtifacts({
        modelTopology: topology,
        weightSpecs: specs,
        weightData: data,
        format: 'layers-model',
      });
      await expectSameOutputs(await loaded.predict(x), tf.clone(expected));
      loaded.dispose();
    }
    tf.dispose([kernel, bias, x, expected]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
