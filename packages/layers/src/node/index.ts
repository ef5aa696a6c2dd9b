/**
 * `@tessera/layers/node` — Node-only parts of the training tooling (they use `node:fs` or the terminal):
 * the progress bar, file loggers and reports, and model files in a directory. Kept apart from the main
 * entry so browser bundles never pull them in.
 * @packageDocumentation
 */
export * from './progress-bar.js';
export * from './directory-store.js';
export * from './file-loggers.js';
export * from './tfjs-directory.js';
