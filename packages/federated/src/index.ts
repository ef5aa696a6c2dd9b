/**
 * `@tessera/federated` — federated learning: strategies, robust aggregation, differential privacy with an
 * RDP accountant (DP-FedAvg, DP-SGD), secure aggregation, simulation, and the browser-safe half of the
 * runtime (`FederatedClient`, frames, authentication, update validation); the server is in
 * `@tessera/federated/node`.
 *
 * Central abstraction: {@link Strategy} — `configureFit` / `aggregateFit` / `configureEvaluate` /
 * `aggregateEvaluate` for a round, with the strategy's state passed and returned as a value. Aggregation
 * rules are pure functions over tensor trees; differential privacy ({@link differentialPrivacy}) wraps a
 * strategy; secure aggregation is a set of pure round functions a runtime drives.
 * @packageDocumentation
 */
export * from './aggregation/bulyan.js';
export * from './aggregation/coordinate-median.js';
export * from './aggregation/krum.js';
export * from './aggregation/pairwise-distances.js';
export * from './aggregation/trimmed-mean.js';
export * from './aggregation/weighted-mean.js';
export * from './privacy/adaptive-clipping.js';
export * from './privacy/client-middleware.js';
export * from './privacy/clip-update.js';
export * from './privacy/dp-fed-avg.js';
export * from './privacy/gaussian-noise.js';
export * from './privacy/noise-multiplier.js';
export * from './privacy/privacy-budget.js';
export * from './privacy/privacy-errors.js';
export * from './privacy/private-mean.js';
export * from './privacy/rdp-accountant.js';
export * from './privacy/rdp-conversion.js';
export * from './privacy/rdp-sampled-gaussian.js';
export * from './register.js';
export * from './secagg/client-rounds.js';
export type { KeyPair } from './secagg/crypto-primitives.js';
export * from './secagg/prg.js';
export * from './secagg/protocol-types.js';
export * from './secagg/quantize.js';
export * from './secagg/secagg-errors.js';
export * from './secagg/secagg-simulation.js';
export * from './secagg/server-rounds.js';
export * from './strategy/client-sampling.js';
export * from './strategy/define-strategy.js';
export * from './strategy/evaluation-aggregation.js';
export * from './strategy/fed-avg.js';
export * from './strategy/fed-opt.js';
export * from './strategy/fed-prox.js';
export * from './strategy/plugins.js';
export * from './strategy/robust-strategies.js';
export * from './strategy/scale-by-yogi.js';
export * from './strategy/strategy-options.js';
export * from './strategy/strategy-state.js';
export * from './strategy/types.js';
export * from './runtime/auth.js';
export * from './runtime/client-secure-aggregation.js';
export * from './runtime/federated-client.js';
export * from './runtime/local-trainer.js';
export * from './runtime/message-channel.js';
export * from './runtime/messages.js';
export * from './runtime/runtime-errors.js';
export * from './runtime/update-validation.js';
export * from './runtime/web-socket.js';
export * from './runtime/wire-format.js';
export * from './runtime/wire-tree.js';
export * from './dpsgd/dp-compatibility.js';
export * from './dpsgd/dp-sgd.js';
export * from './dpsgd/microbatch-gradients.js';
export * from './dpsgd/per-example-gradients.js';
export * from './dpsgd/poisson-sampling.js';
export * from './dpsgd/privatize-gradients.js';
export * from './dpsgd/vectorized-gradients.js';
export * from './runtime/layers-trainer.js';
export * from './simulation/partition-clients.js';
export * from './simulation/round-curves-svg.js';
export * from './simulation/run-simulation.js';
