/**
 * `@tessera/core/testing` — the backend conformance suite: every op the layer zoo needs, forward values
 * and gradients, checked on any backend against the CPU backend, written once and run by every backend
 * package through its own test framework.
 *
 * Central abstraction: {@link ConformanceCase}, registered as tests by {@link runBackendConformance}.
 * @packageDocumentation
 */
// Cases take gradients, so the testing entry installs them even when `@tessera/core` is not imported.
import '../gradients/install-gradients.js';

export * from './compare-results.js';
export * from './conformance-cases.js';
export * from './conformance-error.js';
export * from './conformance-types.js';
export * from './define-op-case.js';
export * from './run-backend-conformance.js';
