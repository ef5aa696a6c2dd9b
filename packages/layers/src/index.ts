/**
 * `@tessera/layers` — layers with named, seeded, regularised weights over tfjs-core autodiff, and a
 * Keras-compatible layer zoo whose math lives in exported functional ops.
 *
 * Central abstraction: {@link Layer}.
 * @packageDocumentation
 */
export * from './activations/activation.js';
export * from './activations/activation-ops.js';
export * from './constraints/constraints.js';
export {
  constantInitializer,
  onesInitializer,
  randomNormalInitializer,
  randomUniformInitializer,
  truncatedNormalInitializer,
  zerosInitializer,
} from './initializers/basic-initializers.js';
export * from './initializers/initializer.js';
export * from './initializers/initializer-plugins.js';
export * from './initializers/orthogonal.js';
export * from './initializers/variance-scaling.js';
export * from './layer/layer.js';
export * from './layer/layer-plugin.js';
export * from './layer/layer-types.js';
export * from './layer/layer-weight.js';
export { type PluginSpec, resolvePluginSpec } from './layer/plugin-spec.js';
export * from './layer/serialization.js';
export * from './layer-plugins.js';
export * from './layers/activation/activation-layer.js';
export * from './layers/activation/elu-layer.js';
export * from './layers/activation/leaky-relu.js';
export * from './layers/activation/relu.js';
export * from './layers/activation/softmax-layer.js';
export * from './layers/attention/multi-head-attention.js';
export * from './layers/attention/position-embedding.js';
export * from './layers/attention/sine-position-encoding.js';
export * from './layers/attention/transformer-encoder.js';
export type { ConvWindow, ConvWindowConfig } from './layers/convolutional/conv-config.js';
export * from './layers/convolutional/conv-layer.js';
export * from './layers/convolutional/conv1d.js';
export * from './layers/convolutional/conv2d.js';
export * from './layers/convolutional/conv2d-transpose.js';
export * from './layers/convolutional/depthwise-layer.js';
export * from './layers/convolutional/depthwise-conv2d.js';
export * from './layers/convolutional/separable-conv2d.js';
export { Dense, type DenseConfig, type KernelWeightConfig } from './layers/core/dense.js';
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
export * from './layers/normalization/normalization-layer.js';
export * from './layers/normalization/batch-normalization.js';
export * from './layers/normalization/layer-normalization.js';
export * from './layers/pooling/average-pooling1d.js';
export * from './layers/pooling/average-pooling2d.js';
export * from './layers/pooling/global-average-pooling1d.js';
export * from './layers/pooling/global-average-pooling2d.js';
export * from './layers/pooling/global-max-pooling1d.js';
export * from './layers/pooling/global-max-pooling2d.js';
export type { GlobalPoolingConfig } from './layers/pooling/global-pooling.js';
export * from './layers/pooling/max-pooling1d.js';
export * from './layers/pooling/max-pooling2d.js';
export type { PoolingConfig, PoolWindow } from './layers/pooling/pool-config.js';
export { GlobalPoolingLayer, PoolingLayer } from './layers/pooling/pooling-layer.js';
export * from './layers/recurrent/bidirectional.js';
export * from './layers/recurrent/gated-recurrent-layer.js';
export * from './layers/recurrent/gru.js';
export * from './layers/recurrent/lstm.js';
export type {
  RecurrentCallOptions,
  RecurrentConfig,
  RecurrentSettings,
} from './layers/recurrent/recurrent-config.js';
export { RecurrentLayer } from './layers/recurrent/recurrent-layer.js';
export type { ProjectedStep } from './layers/recurrent/recurrent-run.js';
export * from './layers/recurrent/simple-rnn.js';
export * from './layers/regularization/dropout.js';
export * from './layers/regularization/gaussian-noise.js';
export * from './layers/regularization/spatial-dropout2d.js';
export * from './ops/attention.js';
export { dilateKernel, type IntOrTuple, type Padding } from './ops/conv-utils.js';
export * from './ops/convolution.js';
export * from './ops/dense.js';
export * from './ops/embedding.js';
export * from './ops/noise.js';
export * from './ops/normalization.js';
export * from './ops/pooling.js';
export * from './ops/position-encoding.js';
export * from './ops/recurrent-cells.js';
export * from './ops/rnn.js';
export * from './register-layers.js';
export * from './regularizers/regularizers.js';
export * from './model/symbolic-tensor.js';
export * from './model/apply-symbolic.js';
export * from './model/input-layer.js';
export * from './model/graph-order.js';
export * from './model/functional-config.js';
export * from './model/model.js';
export * from './model/sequential.js';
export * from './model/functional.js';
export * from './model/model-plugins.js';
export * from './model/summary.js';
export * from './training/training-types.js';
export { DATA_PARALLEL_TRAINER } from './training/fit-on-workers.js';
export * from './training/compile.js';
export * from './training/compute-loss.js';
export * from './training/batch-source.js';
export * from './training/dataset-batches.js';
export * from './training/class-weight.js';
export * from './training/weight-paths.js';
export * from './callbacks/callback.js';
export * from './callbacks/history.js';
export * from './callbacks/format-logs.js';
export * from './callbacks/monitor.js';
export * from './callbacks/early-stopping.js';
export * from './callbacks/reduce-lr-on-plateau.js';
export * from './callbacks/learning-rate-scheduler.js';
export * from './callbacks/terminate-on-nan.js';
export * from './callbacks/csv-logger.js';
export * from './callbacks/model-checkpoint.js';
export * from './callbacks/training-curves.js';
export * from './save/model-file-errors.js';
export * from './save/model-store.js';
export * from './save/model-weights.js';
export * from './save/optimizer-files.js';
export * from './save/tessera-format.js';
export * from './save/indexed-db-store.js';
export * from './save/browser-file-stores.js';
export * from './save/tfjs/keras-specs.js';
export * from './save/tfjs/keras-layer-config.js';
export * from './save/tfjs/keras-topology.js';
export * from './save/tfjs/tfjs-weight-names.js';
export * from './save/tfjs/tfjs-format.js';
export type { GraphNode } from './model/graph-node.js';
