import { access, constants } from 'node:fs/promises';
import { IOError, ValidationError } from '@tessera/core';

/** Throws unless `path` is a non-empty string. @internal */
export function checkPath(path: unknown, where: string): string {
  if (typeof path !== 'string' || path.length === 0)
    throw ValidationError.expected('a file path (non-empty string)', path, where);
  return path;
}

/** Throws an {@link IOError} naming `path` when it cannot be read. @internal */
export async function ensureReadable(path: string): Promise<void> {
  try {
    await access(path, constants.R_OK);
  } catch (cause) {
    throw new IOError(`Cannot read ${path} (${(cause as NodeJS.ErrnoException).code ?? 'error'})`, {
      where: path,
      cause,
    });
  }
}
