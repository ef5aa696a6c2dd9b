import { IOError } from '@tessera/core';
import { gunzipSync } from 'fflate';

/** Decodes a gzip+base64 module into text; runs the same in Node and browsers. @internal */
export function decodeEmbedded(base64: string, name: string): string {
  try {
    const binary = atob(base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder().decode(gunzipSync(bytes));
  } catch (cause) {
    throw new IOError('The embedded data could not be decompressed', { where: name, cause });
  }
}

/** Splits numeric text into rows of numbers (these files hold only numbers; no quoting). @internal */
export function parseNumericRows(text: string, separator: RegExp | string): number[][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => line.split(separator).map(Number));
}
