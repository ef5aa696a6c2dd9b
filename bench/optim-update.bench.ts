// Optimizer update throughput of @tessera/optim against tfjs-core's own tf.train.adam, side by side: one
// update of a 1,000,000-parameter tree per step, parameters held in tf.Variables and updated in place.
// `npm run bench -- optim-update`; results in bench/results/optim-update.{json,md}.
import '@tensorflow/tfjs-backend-cpu';
import {
  adam,
  applyUpdates,
  createOptimizer,
  disposeState,
  type Optimizer,
  registerOptim,
} from '@tessera/optim';
import * as tf from '@tensorflow/tfjs-core';
import type { Benchmark } from './harness.js';

// 900k + 900 + 99k + 100 = 1,000,000 parameters, in the shapes of a two-layer MLP.
const SHAPES: Record<string, number[]> = {
  'dense/kernel': [1000, 900],
  'dense/bias': [900],
  'out/kernel': [900, 110],
  'out/bias': [100],
};
const PARAMETERS = Object.values(SHAPES).reduce((n, s) => n + s.reduce((a, b) => a * b, 1), 0);
const STEPS = 5;
const LEARNING_RATE = 1e-3;

interface Setup {
  variables: Record<string, tf.Variable>;
  grads: Record<string, tf.Tensor>;
}
const setups: Setup[] = [];
let tessera: { adam: Optimizer; adamw: Optimizer } | undefined;
let tfjsAdam: tf.AdamOptimizer | undefined;
let functional: { params: Record<string, tf.Tensor>; state: unknown } | undefined;
const functionalAdam = adam({ learningRate: LEARNING_RATE });

function makeSetup(tag: string): Setup {
  return tf.tidy(() => {
    const variables: Record<string, tf.Variable> = {};
    const grads: Record<string, tf.Tensor> = {};
    let seed = 1;
    for (const [name, shape] of Object.entries(SHAPES)) {
      const v = tf.variable(tf.randomNormal(shape, 0, 0.05, 'float32', seed++), true, `${tag}/${name}`);
      variables[v.name] = v;
      grads[v.name] = tf.keep(tf.randomNormal(shape, 0, 1, 'float32', seed++));
    }
    return { variables, grads };
  });
}

async function settle(setup: Setup): Promise<void> {
  // Wait for the backend, as a training loop reading its loss would.
  await Object.values(setup.variables)[0]!.data();
}

async function runOptimizer(optimizer: Optimizer, setup: Setup): Promise<number> {
  for (let i = 0; i < STEPS; i++) await optimizer.applyGradients(setup.grads, setup.variables);
  await settle(setup);
  return PARAMETERS * STEPS;
}

const bench: Benchmark = {
  name: 'optim-update',
  description: `Update throughput in parameters per second: ${STEPS} optimizer steps per run on a ${PARAMETERS.toLocaleString('en')}-parameter tree (2 kernels, 2 biases, float32) with fixed gradients, tfjs CPU backend. "Optimizer" cases update tf.Variables in place through \`Optimizer.applyGradients\` (a \`GradientTransform\` chain plus assignment), the path \`Model.fit\` takes; "transform" runs the pure \`adam()\` chain and \`applyUpdates\` on plain tensors; tfjs-core's \`tf.train.adam\` is the reference (tfjs has no AdamW). Learning rate ${LEARNING_RATE}.`,
  unit: 'params/s',
  repeats: 5,
  async setup() {
    await tf.setBackend('cpu');
    registerOptim();
    for (const tag of ['adam', 'adamw', 'tfjs', 'functional']) setups.push(makeSetup(tag));
    tessera = {
      adam: createOptimizer('adam', { learningRate: LEARNING_RATE }),
      adamw: createOptimizer('adamw', { learningRate: LEARNING_RATE }),
    };
    tfjsAdam = tf.train.adam(LEARNING_RATE);
    const params = Object.fromEntries(Object.entries(setups[3]!.variables).map(([k, v]) => [k, tf.clone(v)]));
    functional = { params, state: functionalAdam.init(params) };
  },
  cases: {
    '@tessera/optim adam (Optimizer)': () => runOptimizer(tessera!.adam, setups[0]!),
    '@tessera/optim adamw (Optimizer)': () => runOptimizer(tessera!.adamw, setups[1]!),
    'tfjs-core tf.train.adam': async () => {
      const named = Object.entries(setups[2]!.grads).map(([name, tensor]) => ({ name, tensor }));
      for (let i = 0; i < STEPS; i++) tfjsAdam!.applyGradients(named);
      await settle(setups[2]!);
      return PARAMETERS * STEPS;
    },
    '@tessera/optim adam (transform + applyUpdates)': async () => {
      const f = functional!;
      const grads = setups[3]!.grads;
      for (let i = 0; i < STEPS; i++) {
        const { updates, state } = await functionalAdam.update(grads, f.state as never, f.params);
        const next = applyUpdates(f.params, updates);
        disposeState([updates, f.state as never, f.params]);
        f.params = next;
        f.state = state;
      }
      await Object.values(f.params)[0]!.data();
      return PARAMETERS * STEPS;
    },
  },
  teardown() {
    tessera?.adam.dispose();
    tessera?.adamw.dispose();
    tfjsAdam?.dispose();
    if (functional) disposeState([functional.params, functional.state as never]);
    for (const s of setups) tf.dispose([...Object.values(s.variables), ...Object.values(s.grads)]);
  },
};

export default bench;
