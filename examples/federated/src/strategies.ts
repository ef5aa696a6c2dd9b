// Strategy presets shared by the server CLI and the simulation.
import {
  differentialPrivacy,
  fedAdam,
  fedAvg,
  fedProx,
  type Strategy,
  type StrategyOptions,
} from '@tessera/federated';

/** The local training configuration every round sends. */
export const FIT_CONFIG = { localEpochs: 1, batchSize: 16, learningRate: 0.1 };

/** FedAvg, FedProx (μ = 0.1) or FedAdam (η = 0.03, τ = 1e-3) with `options` and the local training configuration. */
export function makeStrategy(name: string, options: StrategyOptions = {}): Strategy<any> {
  const common: StrategyOptions = { fitConfig: () => FIT_CONFIG, fractionEvaluate: 0, ...options };
  if (name === 'fedavg') return fedAvg(common);
  if (name === 'fedprox') return fedProx({ ...common, proximalMu: 0.1 });
  if (name === 'fedadam') return fedAdam({ ...common, serverLearningRate: 0.03, tau: 1e-3 });
  throw new Error(`unknown strategy "${name}" (fedavg, fedprox, fedadam)`);
}

/** DP-FedAvg around `inner` with client-side clipping (so it composes with secure aggregation) and an ε budget. */
export function withDifferentialPrivacy(
  inner: Strategy<any>,
  noiseMultiplier: number,
  maxEpsilon: number,
): Strategy<any> {
  // Every connected client trains every round, so the client sampling rate is 1: with a handful of clients
  // the guarantee is weak (ε in the tens); DP-FedAvg pays off with thousands of clients per round.
  return differentialPrivacy(inner, {
    noiseMultiplier,
    clipNorm: 1,
    clipping: 'client',
    accounting: { sampleRate: 1, delta: 1e-5, maxEpsilon },
  });
}
