import { TesseraError } from '@tessera/core';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/**
 * An image file could not be decoded. Code `E_IMAGE_DECODE`; `file` names it.
 * @example
 * ```ts
 * try { await ds.toArray(); } catch (e) { if (e instanceof ImageDecodeError) console.warn('skip', e.file); }
 * ```
 */
export class ImageDecodeError extends TesseraError {
  readonly file: string;
  constructor(file: string, reason: string, cause?: unknown) {
    super('E_IMAGE_DECODE', `Cannot decode image ${file}: ${reason}`, { where: file, cause });
    this.file = file;
  }
}

/** Decoded pixels, always RGBA 8-bit. */
export interface DecodedImage {
  width: number;
  height: number;
  /** `height·width·4` bytes, row-major RGBA. */
  rgba: Uint8Array;
}

const isPng = (b: Uint8Array) =>
  b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
const isJpeg = (b: Uint8Array) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8;

/**
 * Decodes PNG (pngjs) or JPEG (jpeg-js) bytes, chosen by their signature, into RGBA.
 * @example
 * ```ts
 * const { width, height, rgba } = decodeImage(await readFile('cat.png'), 'cat.png');
 * ```
 * @throws {ImageDecodeError} naming `file` for an unknown format or corrupt data.
 */
export function decodeImage(bytes: Uint8Array, file: string): DecodedImage {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (isPng(bytes)) {
      const png = PNG.sync.read(buffer);
      return {
        width: png.width,
        height: png.height,
        rgba: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength),
      };
    }
    if (isJpeg(bytes)) {
      const img = jpeg.decode(buffer, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
      return { width: img.width, height: img.height, rgba: img.data };
    }
  } catch (cause) {
    throw new ImageDecodeError(file, (cause as Error).message, cause);
  }
  throw new ImageDecodeError(file, 'not a PNG or JPEG file (unrecognised signature)');
}
