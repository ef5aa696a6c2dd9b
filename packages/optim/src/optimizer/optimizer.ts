import { IOError, ValidationError, disposeTree, type TensorTree } from '@tessera/core';
import * as tf from '@tensorflow/tfjs-core';
import { checkTree } from '../internal/slots.js';
import { evaluateSchedule, type LearningRate, type Schedule, toSchedule } from '../schedule/types.js';
import { disposeState } from '../transform/state.js';
import { restoreState, type SavedState, saveState } from '../transform/state-io.js';
import type { GradientTransform, TransformState } from '../transform/types.js';

/** What an {@link Optimizer} is built from. */
export interface OptimizerInit {
  /** Registry name (`optimizer:<name>`), used by {@link Optimizer.getConfig}. */
  readonly name: string;
  /** The base learning rate, constant or scheduled. */
  readonly learningRate: LearningRate;
  /** Builds the whole transform around the learning-rate schedule the optimizer controls. */
  readonly build: (learningRate: Schedule) => GradientTransform<any>;
  /** JSON-safe options that rebuild this optimizer through the registry (called by `getConfig`). */
  readonly config?: () => Record<string, unknown>;
}

/** An optimizer's state as saved by {@link Optimizer.saveState}. */
export interface SavedOptimizerState {
  readonly format: 'tessera.optimizer';
  readonly version: 1;
  readonly name: string;
  readonly iterations: number;
  /** The schedule step the next update will use. */
  readonly learningRateStep: number;
  readonly learningRateOverride: number | null;
  /** Names and shapes of the variables the state was built for. */
  readonly variables: Readonly<Record<string, readonly number[]>>;
  readonly state: SavedState | null;
}

export type GradientPairs = ReadonlyArray<readonly [tf.Tensor, tf.Variable]>;

/**
 * A Keras-style optimizer: it wraps a {@link GradientTransform}, owns its state, and updates `tf.Variable`s
 * in place. Build one by name with {@link createOptimizer}, or through the registry
 * (`registry.create('adamw', {...}, 'optimizer')` after {@link registerOptim}, as `compile` does).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { createOptimizer } from '@tessera/optim';
 * const w = tf.variable(tf.zeros([3]), true, 'w');
 * const optimizer = createOptimizer('adamw', { learningRate: 1e-2 });
 * const loss = await optimizer.minimize(() => tf.sum(tf.square(tf.sub(w, 1))), [w]);
 * optimizer.dispose();
 * ```
 */
export class Optimizer {
  readonly name: string;
  readonly transform: GradientTransform<any>;
  private readonly baseLearningRate: Schedule;
  private readonly config: () => Record<string, unknown>;
  private stateValue: TransformState | undefined;
  private shapes: Record<string, number[]> = {};
  private iterationCount = 0;
  private scheduleStep = 0;
  private override: number | null = null;

  constructor(init: OptimizerInit) {
    if (typeof init?.build !== 'function')
      throw ValidationError.expected('a build(learningRate) function', init?.build, 'Optimizer');
    this.name = String(init.name);
    this.baseLearningRate = toSchedule(init.learningRate, `optimizer:${this.name}(learningRate)`);
    this.config = init.config ?? (() => ({}));
    const controlled: Schedule = (step) => {
      this.scheduleStep = step + 1;
      return this.override ?? this.baseLearningRate(step);
    };
    this.transform = init.build(controlled);
  }

  /** Number of `applyGradients` calls so far (Keras `iterations`). */
  get iterations(): number {
    return this.iterationCount;
  }

  /** The learning rate the next update will use. */
  get learningRate(): number {
    return (
      this.override ?? evaluateSchedule(this.baseLearningRate, this.scheduleStep, `optimizer:${this.name}`)
    );
  }

  /**
   * Replaces the schedule by a constant from now on (as Keras's `optimizer.learning_rate = x`, and what
   * callbacks such as reduce-on-plateau do).
   * @throws ValidationError unless `value` is a finite number
   */
  set learningRate(value: number) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw ValidationError.expected('a finite learning rate', value, `optimizer:${this.name}.learningRate`);
    }
    this.override = value;
  }

  /** The current transform state (owned by the optimizer), or undefined before the first step. */
  get state(): TransformState | undefined {
    return this.stateValue;
  }

  /** Creates the state for `variables` now rather than on the first update (Keras `build`). */
  build(variables: Record<string, tf.Tensor> | readonly tf.Variable[]): void {
    const tree = Array.isArray(variables)
      ? byName(variables as readonly tf.Variable[])
      : (variables as TensorTree);
    if (this.stateValue !== undefined) {
      checkTree(this.tree(), tree, `optimizer:${this.name}.build`);
      return;
    }
    this.stateValue = this.transform.init(tree);
    this.shapes = Object.fromEntries(Object.entries(tree).map(([k, t]) => [k, [...t.shape]]));
  }

  /**
   * Applies one step: gradients keyed by variable name (as `tf.variableGrads` returns them) with the
   * variables themselves (looked up among tfjs's registered variables when omitted), or Keras-style
   * `[gradient, variable]` pairs. The gradients are not disposed.
   * @throws ValidationError / ShapeError if gradients and variables do not match each other or the state
   */
  async applyGradients(
    grads: Record<string, tf.Tensor> | GradientPairs,
    variables?: Record<string, tf.Variable>,
  ): Promise<void> {
    const where = `optimizer:${this.name}.applyGradients`;
    let gradTree: TensorTree;
    let vars: Record<string, tf.Variable>;
    if (Array.isArray(grads)) {
      gradTree = {};
      vars = {};
      for (const [g, v] of grads as GradientPairs) {
        if (!(v instanceof tf.Variable))
          throw ValidationError.expected('[gradient, tf.Variable] pairs', v, where);
        gradTree[v.name] = g;
        vars[v.name] = v;
      }
    } else {
      gradTree = grads as TensorTree;
      vars = variables ?? lookUpVariables(Object.keys(gradTree), where);
    }
    checkTree(vars, gradTree, `${where}(grads)`);
    this.build(vars);
    checkTree(this.tree(), vars, `${where}(variables)`);
    const { updates, state } = await this.transform.update(gradTree, this.stateValue!, vars);
    disposeState(this.stateValue!);
    this.stateValue = state;
    for (const name of Object.keys(this.shapes)) {
      const v = vars[name]!;
      tf.tidy(() => v.assign(tf.add(v, updates[name]!)));
    }
    disposeTree(updates);
    this.iterationCount += 1;
  }

  /**
   * Computes `lossFn`'s gradients with respect to `variables` (default: all trainable variables), applies
   * them, and returns the loss value.
   * @throws ValidationError if `lossFn` does not return a scalar
   */
  async minimize(lossFn: () => tf.Scalar, variables?: readonly tf.Variable[]): Promise<number> {
    const { value, grads } = tf.variableGrads(lossFn, variables ? [...variables] : undefined);
    try {
      const vars = variables
        ? byName(variables)
        : lookUpVariables(Object.keys(grads), `optimizer:${this.name}.minimize`);
      await this.applyGradients(grads, vars);
      return (await value.data())[0]!;
    } finally {
      value.dispose();
      disposeTree(grads);
    }
  }

  /** The running parameter average when the optimizer was created with `emaMomentum`, else undefined. */
  movingAverages(): TensorTree | undefined {
    return findAverage(this.stateValue);
  }

  /**
   * `{ name, options }` that rebuild this optimizer through the registry ({@link createOptimizer}).
   * @throws ValidationError if an option cannot be serialised (a schedule or mask function without a config)
   */
  getConfig(): { name: string; options: Record<string, unknown> } {
    return { name: this.name, options: this.config() };
  }

  /** Reads the state back from the device (asynchronously) into a plain, bit-exact value. */
  async saveState(): Promise<SavedOptimizerState> {
    return {
      format: 'tessera.optimizer',
      version: 1,
      name: this.name,
      iterations: this.iterationCount,
      learningRateStep: this.scheduleStep,
      learningRateOverride: this.override,
      variables: Object.fromEntries(Object.entries(this.shapes).map(([k, s]) => [k, [...s]])),
      state: this.stateValue === undefined ? null : await saveState(this.stateValue),
    };
  }

  /**
   * Replaces the state with a saved one (disposing the current state).
   * @throws IOError if `saved` is not an optimizer state or belongs to another optimizer
   */
  restoreState(saved: SavedOptimizerState): void {
    if (saved?.format !== 'tessera.optimizer' || saved.version !== 1) {
      throw new IOError('Expected a saved optimizer state (format "tessera.optimizer", version 1)', {
        where: 'restoreState',
      });
    }
    if (saved.name !== this.name) {
      throw new IOError(`Saved state belongs to optimizer "${saved.name}", not "${this.name}"`, {
        where: 'restoreState',
      });
    }
    const state = saved.state === null ? undefined : restoreState(saved.state);
    if (this.stateValue !== undefined) disposeState(this.stateValue);
    this.stateValue = state;
    this.shapes = Object.fromEntries(Object.entries(saved.variables ?? {}).map(([k, s]) => [k, [...s]]));
    this.iterationCount = saved.iterations;
    this.scheduleStep = saved.learningRateStep;
    this.override = saved.learningRateOverride;
  }

  /** Disposes the state. */
  dispose(): void {
    if (this.stateValue !== undefined) disposeState(this.stateValue);
    this.stateValue = undefined;
  }

  private tree(): Record<string, tf.Tensor> {
    // A shape-only view of the variables the state was built for, enough for structure checks.
    return Object.fromEntries(
      Object.entries(this.shapes).map(([k, shape]) => [k, { shape } as unknown as tf.Tensor]),
    );
  }
}

function byName(variables: readonly tf.Variable[]): Record<string, tf.Variable> {
  const out: Record<string, tf.Variable> = {};
  for (const v of variables) {
    if (!(v instanceof tf.Variable)) throw ValidationError.expected('tf.Variable', v, 'Optimizer(variables)');
    out[v.name] = v;
  }
  return out;
}

function lookUpVariables(names: readonly string[], where: string): Record<string, tf.Variable> {
  const registered = tf.engine().registeredVariables;
  const out: Record<string, tf.Variable> = {};
  for (const name of names) {
    const v = registered[name];
    if (!v)
      throw new ValidationError(
        `No tf.Variable named "${name}" is registered; pass the variables explicitly`,
        { where },
      );
    out[name] = v;
  }
  return out;
}

/** Finds the first name → tensor map under a key `average` (the state of `emaOfParams`). */
function findAverage(state: TransformState | undefined): TensorTree | undefined {
  if (state === null || state === undefined || typeof state !== 'object' || state instanceof tf.Tensor)
    return undefined;
  if (Array.isArray(state)) {
    for (const s of state) {
      const found = findAverage(s);
      if (found) return found;
    }
    return undefined;
  }
  const record = state as Record<string, TransformState>;
  if ('average' in record && 'count' in record) return record.average as TensorTree;
  for (const value of Object.values(record)) {
    const found = findAverage(value);
    if (found) return found;
  }
  return undefined;
}
