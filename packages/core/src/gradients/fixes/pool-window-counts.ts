/**
 * For each output position along one axis, how many cells of its pooling window lie inside the input (the
 * rest is padding), which is what the forward average pooling of every tfjs backend divides by.
 */
export function validWindowCounts(
  outSize: number,
  inSize: number,
  filterSize: number,
  stride: number,
  padBefore: number,
): number[] {
  return Array.from({ length: outSize }, (_, i) => {
    const start = i * stride - padBefore;
    return Math.min(inSize, start + filterSize) - Math.max(0, start);
  });
}

/**
 * `windowSize / validCells` for every output position (row-major over the given axes), or `null` when no
 * window reaches into padding and the rescaling would be the identity.
 */
export function validCellScale(
  axes: readonly { counts: number[]; filterSize: number }[],
): Float32Array | null {
  if (axes.every(({ counts, filterSize }) => counts.every((c) => c === filterSize))) return null;
  let scale = new Float32Array([1]);
  for (const { counts, filterSize } of axes) {
    const next = new Float32Array(scale.length * counts.length);
    scale.forEach((s, i) => {
      counts.forEach((c, j) => {
        next[i * counts.length + j] = (s * filterSize) / c;
      });
    });
    scale = next;
  }
  return scale;
}
