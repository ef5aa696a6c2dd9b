import * as tf from '@tensorflow/tfjs-core';
import { ShapeError, TesseraError, ValidationError } from '@tessera/core';
import { type Constraint, resolveConstraint } from '../constraints/constraints.js';
import type { Initializer } from '../initializers/initializer.js';
import { resolveInitializer } from '../initializers/initializer-plugins.js';
import { deriveSeed, drawSeed } from '../random/derive-seed.js';
import { type Regularizer, resolveRegularizer } from '../regularizers/regularizers.js';
import { uniqueLayerName, uniqueVariableName } from './layer-names.js';
import type {
  CallOptions,
  ForwardContext,
  LayerConfig,
  LayerInputs,
  LayerOutputs,
  Mask,
  Shape,
} from './layer-types.js';
import { LayerWeight } from './layer-weight.js';
import type { PluginSpec } from './plugin-spec.js';
import { applySymbolic } from '../model/apply-symbolic.js';
import { isSymbolic, type SymbolicInputs, type SymbolicTensor } from '../model/symbolic-tensor.js';

/** How {@link Layer.addWeight} creates a weight. */
export interface AddWeightOptions {
  /** A registered initialiser, or a function for initialisers built from others (LSTM's forget-gate bias). */
  initializer: PluginSpec | Initializer;
  regularizer?: PluginSpec | null;
  constraint?: PluginSpec | null;
  /** Whether optimisers update it (default true; false for moving statistics). */
  trainable?: boolean;
}

// Salts separating a layer's weight-initialisation seeds from its per-call seeds.
const CALL_SALT = 0x63616c6c;

/**
 * The central abstraction of `@tessera/layers`: a layer declares its configuration up front, creates named
 * weights in `build(inputShape)` from explicit initialisers and seeds, and computes its output in `call`,
 * which delegates to an exported functional op (`dense`, `conv2d`, `lstmCell`, ...).
 *
 * A concrete layer implements four hooks: `buildWeights` (create weights with `addWeight`), `forward`
 * (call the functional op), `computeOutputShape`, and `layerConfig` (the JSON that recreates it through its
 * `layer:<className>` plugin). Layers made of layers (attention, `Bidirectional`) register their parts with
 * `trackLayer`, so weights, freezing, regularisation and disposal reach them.
 *
 * @see Equinox `nn.Linear`, PyTorch `nn.Module`, Keras `Layer` for the shape of this API.
 * @example
 * ```ts
 * const layer = new Dense({ units: 4, activation: 'relu', seed: 1 });
 * const y = layer.call(tf.ones([2, 3])) as tf.Tensor; // builds on first call: kernel [3, 4], bias [4]
 * layer.trainable = false; // freezes every weight
 * layer.dispose();
 * ```
 */
export abstract class Layer<
  Out extends LayerOutputs = LayerOutputs,
  Options extends CallOptions = CallOptions,
> {
  /** The registered class name: `layer:<className>` recreates this layer from `getConfig()`. */
  readonly className: string;
  /** The layer's name (unique by default: `dense`, `dense_1`, ...). */
  readonly name: string;
  /** The seed from which weight initialisation and training-time randomness derive. */
  readonly seed: number;
  /** Whether the layer passes an input mask on unchanged (when it defines no `maskFor` hook). */
  protected supportsMasking = false;

  #trainable: boolean;
  #built = false;
  #disposed = false;
  #parent: Layer<LayerOutputs, CallOptions> | null = null;
  #callCount = 0;
  readonly #entries: (LayerWeight | Layer<LayerOutputs, CallOptions>)[] = [];
  #ownWeightCount = 0;

  protected constructor(className: string, config: LayerConfig = {}) {
    const where = `${className}(config)`;
    if (config === null || typeof config !== 'object')
      throw ValidationError.expected('a config object', config, where);
    if (config.name !== undefined && (typeof config.name !== 'string' || !/^[\w.-]+$/.test(config.name))) {
      throw ValidationError.expected(
        'a name of letters, digits, "_", "." or "-"',
        config.name,
        `${where}.name`,
      );
    }
    if (config.seed !== undefined && !Number.isSafeInteger(config.seed)) {
      throw ValidationError.expected('an integer seed', config.seed, `${where}.seed`);
    }
    this.className = className;
    this.name = config.name ?? uniqueLayerName(className);
    this.seed = config.seed ?? drawSeed();
    this.#trainable = config.trainable ?? true;
  }

  /** `parent/child` path of nested layers; weight paths extend it. */
  get path(): string {
    return this.#parent ? `${this.#parent.path}/${this.name}` : this.name;
  }

  /** Whether `build` has run (weights exist). */
  get built(): boolean {
    return this.#built;
  }

  /** Whether the layer's weights are trained. Setting it freezes or unfreezes every weight, nested ones too. */
  get trainable(): boolean {
    return this.#trainable;
  }

  set trainable(value: boolean) {
    this.#trainable = value;
    for (const entry of this.#entries) {
      if (entry instanceof LayerWeight) entry.variable.trainable = value && entry.ownTrainable;
      else entry.trainable = value;
    }
  }

  /** Every weight, own and nested, in creation order (the order of `getWeights`/`setWeights`). */
  get weights(): LayerWeight[] {
    return this.#entries.flatMap((e) => (e instanceof LayerWeight ? [e] : e.weights));
  }

  /** The weights optimisers update now. */
  get trainableWeights(): LayerWeight[] {
    return this.weights.filter((w) => w.trainable);
  }

  /** The weights optimisers leave alone (moving statistics, frozen weights). */
  get nonTrainableWeights(): LayerWeight[] {
    return this.weights.filter((w) => !w.trainable);
  }

  /** The layers this one is made of (direct children). */
  get sublayers(): Layer<LayerOutputs, CallOptions>[] {
    return this.#entries.filter((e): e is Layer<LayerOutputs, CallOptions> => e instanceof Layer);
  }

  /**
   * Creates the weights for inputs of `inputShape` (batch dimension `null` allowed). Runs once; `call`
   * runs it on first use.
   * @throws ShapeError when the shape does not suit the layer
   */
  build(inputShape: Shape | readonly Shape[]): void {
    this.assertAlive('build');
    if (this.#built) return;
    if (!Array.isArray(inputShape))
      throw ValidationError.expected('an input shape array', inputShape, this.where('build'));
    tf.tidy(() => this.buildWeights(inputShape));
    this.#built = true;
  }

  /**
   * Runs the layer. Builds it from the inputs' shapes on first use.
   * @throws ValidationError when the inputs are not tensors, or the layer was disposed
   * @throws ShapeError when the inputs do not fit the layer's weights
   */
  call(inputs: LayerInputs, options: Options = {} as Options): Out {
    this.assertAlive('call');
    const list = inputs instanceof tf.Tensor ? [inputs] : inputs;
    if (!Array.isArray(list) || list.length === 0 || !list.every((t) => t instanceof tf.Tensor)) {
      throw ValidationError.expected('a tensor or a non-empty array of tensors', inputs, this.where('call'));
    }
    if (!this.#built) this.build(inputs instanceof tf.Tensor ? inputs.shape : list.map((t) => t.shape));
    const base = options.seed ?? deriveSeed(this.seed, CALL_SALT, this.#callCount++);
    let k = 0;
    const context: ForwardContext = {
      training: options.training ?? false,
      mask: options.mask ?? null,
      nextSeed: () => deriveSeed(base, k++),
    };
    return tf.tidy(() => this.forward(inputs, context, options)) as Out;
  }

  /**
   * Calls the layer on tensors (as {@link Layer.call}), or, given symbolic tensors from `input(...)`, adds
   * the call to a functional graph and returns the symbolic outputs (the functional API).
   * @throws ValidationError / ShapeError as {@link Layer.call}
   */
  apply(inputs: SymbolicInputs, options?: Options): SymbolicTensor | SymbolicTensor[];
  apply(inputs: LayerInputs, options?: Options): Out;
  apply(
    inputs: LayerInputs | SymbolicInputs,
    options: Options = {} as Options,
  ): Out | SymbolicTensor | SymbolicTensor[] {
    if (isSymbolic(inputs)) return applySymbolic(this as Layer, inputs, options);
    return this.call(inputs as LayerInputs, options);
  }

  /**
   * The mask of the outputs given the inputs' mask (Keras mask propagation): the layer's `maskFor` hook when
   * it has one, otherwise the input mask when the layer supports masking, otherwise `null`.
   */
  computeMask(inputs: LayerInputs, mask: Mask | readonly Mask[] | null): Mask | Mask[] {
    if (this.maskFor) return this.maskFor(inputs, mask ?? null);
    if (!this.supportsMasking || mask === null) return null;
    return mask instanceof tf.Tensor ? mask : [...mask];
  }

  /** The output shape for inputs of `inputShape`, without running the layer (`null` = unknown). */
  abstract computeOutputShape(inputShape: Shape | readonly Shape[]): Shape | Shape[];

  /** Everything needed to recreate the layer through its `layer:<className>` plugin; plain JSON. */
  getConfig(): Record<string, unknown> & Required<LayerConfig> {
    return { name: this.name, trainable: this.#trainable, seed: this.seed, ...this.layerConfig() };
  }

  /** Copies of the current weight values, in {@link Layer.weights} order; the caller disposes them. */
  getWeights(): tf.Tensor[] {
    return this.weights.map((w) => tf.clone(w.variable));
  }

  /**
   * Replaces the weight values, in {@link Layer.weights} order (Keras layouts).
   * @throws ValidationError when the count differs or the layer is not built
   * @throws ShapeError when a shape differs
   */
  setWeights(values: readonly tf.Tensor[]): void {
    this.assertAlive('setWeights');
    const weights = this.weights;
    if (!this.#built)
      throw new ValidationError('Cannot set weights before the layer is built', {
        where: this.where('setWeights'),
      });
    if (!Array.isArray(values) || values.length !== weights.length) {
      throw ValidationError.expected(`${weights.length} tensors`, values, this.where('setWeights'));
    }
    weights.forEach((w, i) => {
      const v = values[i]!;
      if (!tf.util.arraysEqual(v.shape, w.shape)) throw ShapeError.mismatch(w.shape, v.shape, w.path);
    });
    tf.tidy(() => {
      weights.forEach((w, i) => {
        w.variable.assign(tf.cast(values[i]!, w.variable.dtype));
      });
    });
  }

  /** The regularisation penalties of every weight with a regulariser; add them to the loss inside the tape. */
  regularizationLosses(): tf.Scalar[] {
    return this.weights.flatMap((w) => (w.regularizer ? [w.regularizer(w.variable)] : []));
  }

  /** Projects every constrained weight back onto its constraint set; training loops call it after a step. */
  applyConstraints(): void {
    for (const w of this.weights) {
      const constraint = w.constraint;
      if (constraint) tf.tidy(() => w.variable.assign(constraint(w.variable)));
    }
  }

  /** The number of scalar weights. */
  countParams(): number {
    return this.weights.reduce((n, w) => n + w.variable.size, 0);
  }

  /** Frees every weight, nested ones too. The layer cannot be used afterwards. */
  dispose(): void {
    if (this.#disposed) return;
    for (const entry of this.#entries) {
      if (entry instanceof LayerWeight) entry.variable.dispose();
      else entry.dispose();
    }
    this.#disposed = true;
  }

  /** Creates the layer's weights with {@link Layer.addWeight} (and builds tracked sublayers). */
  protected abstract buildWeights(inputShape: Shape | readonly Shape[]): void;

  /** The layer's computation; delegate to the functional op. Runs inside `tf.tidy`. */
  protected abstract forward(inputs: LayerInputs, context: ForwardContext, options: Options): Out;

  /** The layer's own config fields (the base adds `name`, `trainable`, `seed`). */
  protected abstract layerConfig(): Record<string, unknown>;

  /** Optional mask propagation rule, for layers that create, transform or consume masks. */
  protected maskFor?(inputs: LayerInputs, mask: Mask | readonly Mask[] | null): Mask | Mask[];

  /**
   * Creates a named weight from its initialiser with a seed derived from the layer's seed and the weight's
   * position, so equal seeds give equal weights.
   * @throws ValidationError when the shape has a non-positive or unknown dimension
   */
  protected addWeight(name: string, shape: readonly number[], options: AddWeightOptions): tf.Variable {
    const where = this.where(`addWeight(${name})`);
    if (!shape.every((d) => Number.isInteger(d) && d > 0)) {
      throw new ShapeError(`Expected a weight shape of positive integers, received [${shape.join(', ')}]`, {
        where,
      });
    }
    const init =
      typeof options.initializer === 'function'
        ? options.initializer
        : resolveInitializer(options.initializer, undefined, `${where}.initializer`);
    const regularizer: Regularizer | null = resolveRegularizer(
      options.regularizer,
      undefined,
      `${where}.regularizer`,
    );
    const constraint: Constraint | null = resolveConstraint(
      options.constraint,
      undefined,
      `${where}.constraint`,
    );
    const ownTrainable = options.trainable ?? true;
    const seed = deriveSeed(this.seed, this.#ownWeightCount++);
    const variable = tf.tidy(() => {
      const value = init(shape, seed);
      if (!tf.util.arraysEqual(value.shape, [...shape]))
        throw ShapeError.mismatch(shape, value.shape, `${where}.initializer`);
      return tf.variable(
        tf.cast(value, 'float32'),
        ownTrainable && this.#trainable,
        uniqueVariableName(`${this.path}/${name}`),
      );
    });
    this.#entries.push(new LayerWeight(this, name, variable, ownTrainable, regularizer, constraint));
    return variable;
  }

  /** Registers a sublayer so its weights, freezing and disposal follow this layer. Returns it. */
  protected trackLayer<L extends Layer<LayerOutputs, any>>(layer: L): L {
    if (layer.#parent)
      throw new ValidationError(`Layer "${layer.name}" already belongs to "${layer.#parent.name}"`);
    layer.#parent = this as Layer<LayerOutputs, CallOptions>;
    if (!this.#trainable) layer.trainable = false;
    this.#entries.push(layer);
    return layer;
  }

  /** `ClassName "name".method`, for error locations. */
  protected where(method: string): string {
    return `${this.className} "${this.name}".${method}`;
  }

  private assertAlive(method: string): void {
    if (this.#disposed) {
      throw new TesseraError('E_DISPOSED', 'The layer was disposed; create a new one', {
        where: this.where(method),
      });
    }
  }
}
