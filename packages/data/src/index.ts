/**
 * `@tessera/data` — datasets, sources, preprocessing, augmentation and federated partitioning for Tessera.
 *
 * Central abstraction: {@link Dataset}, a lazy, async, re-iterable pipeline. File-system sources live in
 * `@tessera/data/node`.
 * @packageDocumentation
 */
export * from './dataset/index.js';
