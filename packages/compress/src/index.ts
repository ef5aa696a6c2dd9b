/**
 * `@tessera/compress` — model compression (post-training quantisation, quantisation-aware training,
 * magnitude pruning, knowledge distillation) and data-parallel training for Tessera models.
 *
 * Central abstraction: {@link StoredTensor}, a weight in its compressed form (int8 codes with scales, float16
 * bits, or float32), produced by pure quantisation functions and consumed by loaders and exporters; the model
 * tools (`quantizeModel`, `pruneLowMagnitude`, `Distiller`, `fitDataParallel`) are orchestration around it.
 * @packageDocumentation
 */
export * from './quantize/quantized-tensor.js';
export * from './quantize/int8.js';
export * from './quantize/float16.js';
export * from './quantize/tfjs-affine.js';
export * from './quantize/tfjs-weights.js';
export * from './quantize/fake-quantize.js';
export * from './quantize/quantize-model.js';
export * from './quantize/quantized-file.js';
export * from './quantize/packed-codes.js';
export * from './quantize/int8-kernel.js';
export * from './quantize/on-the-fly.js';
export * from './quantize/quantization-report.js';
export * from './qat/quantize-wrapper.js';
export * from './qat/quantize-aware.js';
export * from './prune/pruning-schedule.js';
export * from './prune/schedule-from-config.js';
export * from './prune/magnitude-mask.js';
export * from './prune/prune-low-magnitude.js';
export * from './prune/prune-model.js';
export * from './prune/update-pruning-step.js';
export * from './prune/sparsity-report.js';
export * from './distill/distillation-loss.js';
export * from './distill/distillation-step.js';
export * from './distill/distiller.js';
export * from './wrap/layer-wrapper.js';
export { rewriteModel, type LayerRewrite } from './wrap/rewrite-model.js';
export * from './register.js';
export * from './quantize/tfjs-export.js';
export * from './parallel/fit-data-parallel.js';
export { shardOf } from './parallel/shard.js';
export { BARRIER_CELLS, SharedBarrier } from './parallel/shared-barrier.js';
