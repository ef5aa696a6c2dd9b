/**
 * `@tessera/layers` — layers with named, seeded, regularised weights over tfjs-core autodiff.
 *
 * Central abstraction: {@link Layer}.
 * @packageDocumentation
 */
export * from './activations/activation.js';
export * from './activations/activation-ops.js';
export * from './constraints/constraints.js';
export * from './initializers/basic-initializers.js';
export * from './initializers/initializer.js';
export * from './initializers/initializer-plugins.js';
export * from './initializers/orthogonal.js';
export * from './initializers/variance-scaling.js';
export * from './layer/layer.js';
export * from './layer/layer-types.js';
export * from './layer/layer-weight.js';
export * from './layer/plugin-spec.js';
export * from './layers/core/dense.js';
export * from './ops/conv-utils.js';
export * from './ops/convolution.js';
export * from './ops/dense.js';
export * from './ops/noise.js';
export * from './ops/normalization.js';
export * from './ops/pooling.js';
export * from './regularizers/regularizers.js';
export * from './layer/layer-plugin.js';
export * from './layer/serialization.js';
export * from './layer-plugins.js';
export * from './register-layers.js';
export * from './layers/activation/activation-layer.js';
export * from './layers/activation/elu-layer.js';
export * from './layers/activation/leaky-relu.js';
export * from './layers/activation/relu.js';
export * from './layers/activation/softmax-layer.js';
export * from './layers/core/embedding.js';
export * from './layers/core/flatten.js';
export * from './layers/core/permute.js';
export * from './layers/core/repeat-vector.js';
export * from './layers/core/rescaling.js';
export * from './layers/core/reshape.js';
export * from './layers/merging/add.js';
export * from './layers/merging/average.js';
export * from './layers/merging/concatenate.js';
export * from './layers/merging/maximum.js';
export * from './layers/merging/minimum.js';
export * from './layers/merging/multiply.js';
export * from './layers/merging/subtract.js';
export * from './ops/embedding.js';
