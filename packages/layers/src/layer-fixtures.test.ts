import '@tensorflow/tfjs-backend-cpu';
import { readdirSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tessera/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Layer } from './layer/layer.js';
import type { CallOptions } from './layer/layer-types.js';
import { deserializeLayer } from './layer/serialization.js';
import { decode, type EncodedTensor, expectClose, isEncoded, rms } from './testing/fixture-tools.js';

interface NamedTensor extends EncodedTensor {
  name: string;
}

interface FixtureCase {
  name: string;
  className: string;
  config: Record<string, unknown>;
  call: Record<string, unknown>;
  multiInput: boolean;
  inputs: EncodedTensor[];
  weights: NamedTensor[];
  outputs: EncodedTensor[];
  R: EncodedTensor[];
  gradInputs: EncodedTensor[];
  gradWeights: NamedTensor[];
  weightsAfter?: NamedTensor[];
}

const dir = new URL('./__fixtures__/', import.meta.url);
const cases: FixtureCase[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as FixtureCase[]);

function relative(layer: Layer, path: string): string {
  return path.slice(layer.name.length + 1);
}

function decodeCall(call: Record<string, unknown>): CallOptions & Record<string, unknown> {
  const decodeValue = (v: unknown): unknown =>
    isEncoded(v) ? decode(v) : Array.isArray(v) ? v.map(decodeValue) : v;
  return Object.fromEntries(Object.entries(call).map(([k, v]) => [k, decodeValue(v)]));
}

function disposeCall(call: Record<string, unknown>): void {
  for (const v of Object.values(call)) {
    if (v instanceof tf.Tensor) v.dispose();
    if (Array.isArray(v)) for (const t of v) if (t instanceof tf.Tensor) t.dispose();
  }
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('layers match PyTorch (float64) to 1e-5 relative in float32', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThan(0));

  it.each(cases.map((c) => [`${c.className} ${c.name}`, c] as const))('%s', async (_label, c) => {
    const before = tf.memory().numTensors;
    const layer = deserializeLayer({ className: c.className, config: { ...c.config, seed: 7 } });
    const inputs = c.inputs.map(decode);
    const call = decodeCall(c.call);
    layer.build(c.multiInput ? inputs.map((t) => t.shape) : inputs[0]!.shape);
    expect(layer.weights.map((w) => relative(layer, w.path))).toEqual(c.weights.map((w) => w.name));
    const weights = c.weights.map(decode);
    layer.setWeights(weights);
    tf.dispose(weights);

    const inputVars = inputs.map((t) => (t.dtype === 'float32' ? tf.variable(t, true) : null));
    const callInputs = inputs.map((t, i) => inputVars[i] ?? t);
    const rs = c.R.map(decode);
    let outputs: tf.Tensor[] = [];
    const trainable = layer.trainableWeights;
    expect(trainable.map((w) => relative(layer, w.path))).toEqual(c.gradWeights.map((w) => w.name));
    const wrt = [
      ...inputVars.filter((v): v is tf.Variable => v !== null),
      ...trainable.map((w) => w.variable),
    ];
    const { value, grads } = tf.variableGrads(() => {
      const out = layer.call(c.multiInput ? callInputs : callInputs[0]!, call);
      outputs = (Array.isArray(out) ? out : [out]).map((o) => tf.keep(o));
      const terms = outputs.map((o, i) => tf.sum(tf.mul(o, rs[i]!)));
      // A zero-weighted term keeps inputs connected for layers whose output ignores them (position encodings).
      for (const v of inputVars) if (v) terms.push(tf.mul(0, tf.sum(v)));
      return tf.addN(terms) as tf.Scalar;
    }, wrt);

    const all = [...c.outputs, ...c.gradInputs, ...c.gradWeights];
    const caseScale = Math.sqrt(all.reduce((s, e) => s + rms(e) ** 2, 0) / all.length);
    expect(outputs.length).toBe(c.outputs.length);
    const symbolic = (shape: readonly number[]) => [null, ...shape.slice(1)];
    const declared = layer.computeOutputShape(
      c.multiInput ? inputs.map((t) => symbolic(t.shape)) : symbolic(inputs[0]!.shape),
    );
    const declaredList = outputs.length === 1 ? [declared] : (declared as (number | null)[][]);
    outputs.forEach((o, i) => {
      expect(declaredList[i], `computeOutputShape ${i}`).toEqual(symbolic(o.shape));
    });
    for (const [i, o] of outputs.entries()) await expectClose(o, c.outputs[i]!, `output ${i}`, caseScale);
    const gradInputVars = inputVars.filter((v): v is tf.Variable => v !== null);
    for (const [i, v] of gradInputVars.entries()) {
      const g = grads[v.name] ?? tf.zerosLike(v);
      await expectClose(g, c.gradInputs[i]!, `d loss / d input ${i}`, caseScale);
      if (!grads[v.name]) g.dispose();
    }
    for (const [i, w] of trainable.entries()) {
      const g = grads[w.variable.name];
      expect(g, `gradient of ${w.path}`).toBeTruthy();
      await expectClose(g!, c.gradWeights[i]!, `d loss / d ${c.gradWeights[i]!.name}`, caseScale);
    }
    for (const after of c.weightsAfter ?? []) {
      const w = layer.weights.find((x) => relative(layer, x.path) === after.name)!;
      await expectClose(w.variable, after, `${after.name} after the call`, caseScale);
    }

    tf.dispose([
      value,
      ...Object.values(grads).filter((g): g is tf.Tensor => g !== null),
      ...outputs,
      ...rs,
      ...inputs,
    ]);
    for (const v of inputVars) v?.dispose();
    disposeCall(call);
    layer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
