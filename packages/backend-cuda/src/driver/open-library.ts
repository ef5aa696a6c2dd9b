import { messageOf } from '../internal/message-of.js';
import type { KoffiModule } from './load-koffi.js';

/** A library opened by koffi, and the name or path that opened it. */
export interface OpenedLibrary {
  readonly library: ReturnType<KoffiModule['load']>;
  readonly path: string;
}

/**
 * Opens the first of `names` (sonames searched by the dynamic loader, or full paths) that loads.
 * @returns the library, or `undefined` with each failure in `failures`
 */
export function openFirstLibrary(
  koffi: KoffiModule,
  names: readonly string[],
  failures: string[] = [],
): OpenedLibrary | undefined {
  for (const path of names) {
    try {
      return { library: koffi.load(path), path };
    } catch (error) {
      failures.push(`${path}: ${messageOf(error)}`);
    }
  }
  return undefined;
}
