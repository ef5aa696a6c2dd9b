/**
 * Rounds half to even (banker's rounding), as `tf.round`, NumPy's `np.round` and PyTorch's `nearbyint` do,
 * so integer codes computed here agree with the tensor ops and the references at exact ties.
 * @internal
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  // Math.round sends x.5 up; step back when that lands on an odd integer.
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** `min(max(x, lo), hi)`. @internal */
export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi);
}
