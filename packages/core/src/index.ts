/**
 * `@tessera/core` — the plugin registry every Tessera package plugs into, plus backend selection, gradient
 * registration, kernel completion, tensor trees, seeded randomness, errors and safetensors I/O.
 *
 * Central abstraction: {@link Plugin} stored in a {@link Registry}.
 * @packageDocumentation
 */
import './gradients/install-gradients.js';

export * from './backends/index.js';
export * from './completion/index.js';
export * from './errors/index.js';
export * from './gradients/fixes/index.js';
export * from './io/index.js';
export * from './memory/index.js';
export * from './random/index.js';
export * from './registry/index.js';
export * from './tree/index.js';
