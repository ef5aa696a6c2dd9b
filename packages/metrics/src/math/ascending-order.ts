const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The permutation that sorts `values` ascending (ties in their original order), by a least-significant-digit
 * radix sort over the IEEE-754 bits (four 16-bit digits; digits shared by all values are skipped). For a
 * million scores this is several times faster than a comparison sort, and it is what exact ROC AUC spends
 * its time on. Values must not be NaN.
 * @example
 * ```ts
 * [...ascendingOrder([0.5, -1, 0.25, 0.5])]; // [1, 2, 0, 3]
 * ```
 */
export function ascendingOrder(values: ArrayLike<number>): Uint32Array {
  const n = values.length;
  if (!LITTLE_ENDIAN) {
    return Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a]! - values[b]! || a - b);
  }
  const words = new Uint32Array(Float64Array.from(values).buffer);
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    // Map the bits to unsigned integers in the same order as the numbers: flip negatives, set the sign of positives.
    const h = words[2 * i + 1]!;
    const negative = h >>> 31 === 1;
    hi[i] = negative ? ~h >>> 0 : (h | 0x80000000) >>> 0;
    lo[i] = negative ? ~words[2 * i]! >>> 0 : words[2 * i]!;
    order[i] = i;
  }
  const counts = new Uint32Array(4 * 65536);
  for (let i = 0; i < n; i++) {
    counts[lo[i]! & 0xffff]!++;
    counts[65536 + (lo[i]! >>> 16)]!++;
    counts[131072 + (hi[i]! & 0xffff)]!++;
    counts[196608 + (hi[i]! >>> 16)]!++;
  }
  let nextLo = new Uint32Array(n);
  let nextHi = new Uint32Array(n);
  let nextOrder = new Uint32Array(n);
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 65536;
    const shift = (pass % 2) * 16;
    const key = pass < 2 ? lo : hi;
    if (n === 0 || counts[base + ((key[0]! >>> shift) & 0xffff)] === n) continue;
    let offset = 0;
    for (let d = 0; d < 65536; d++) {
      const c = counts[base + d]!;
      counts[base + d] = offset;
      offset += c;
    }
    for (let i = 0; i < n; i++) {
      const at = counts[base + ((key[i]! >>> shift) & 0xffff)]!++;
      nextLo[at] = lo[i]!;
      nextHi[at] = hi[i]!;
      nextOrder[at] = order[i]!;
    }
    [lo, nextLo] = [nextLo, lo];
    [hi, nextHi] = [nextHi, hi];
    [order, nextOrder] = [nextOrder, order];
  }
  return order;
}
