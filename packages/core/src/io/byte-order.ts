/** Whether this platform stores multi-byte numbers little-endian (all mainstream CPUs do). */
export const IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Reverses the byte order of every `width`-byte element in place. Safetensors data is little-endian;
 * typed arrays use the platform's order, so big-endian hosts swap on the way in and out.
 */
export function swapByteOrder(bytes: Uint8Array, width: number): Uint8Array {
  if (width === 1) return bytes;
  for (let i = 0; i < bytes.length; i += width) {
    for (let a = i, b = i + width - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
  return bytes;
}

/** A fresh little-endian byte copy of a typed array's elements. */
export function toLittleEndianBytes(array: ArrayBufferView & { BYTES_PER_ELEMENT: number }): Uint8Array {
  const copy = new Uint8Array(array.byteLength);
  copy.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return IS_LITTLE_ENDIAN ? copy : swapByteOrder(copy, array.BYTES_PER_ELEMENT);
}
