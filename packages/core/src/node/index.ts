/**
 * `@tessera/core/node` — Node-only helpers (they import `node:fs`), kept apart from the main entry so
 * browser bundles never pull them in.
 * @packageDocumentation
 */
export { readSafetensorsFile, writeSafetensorsFile } from './safetensors-file.js';
