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
