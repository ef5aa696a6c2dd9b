/**
 * Largest-remainder apportionment: splits `total` items into integer counts proportional to `fractions`
 * (which sum to 1), each within one of its exact share. Ties go to the slot furthest below `preferBelow`.
 * @internal
 */
export function apportion(
  total: number,
  fractions: readonly number[],
  deficit: readonly number[] = [],
): number[] {
  const exact = fractions.map((f) => total * f);
  const counts = exact.map((e) => Math.floor(e + 1e-9));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, i) => ({ i, remainder: e - (counts[i] as number), deficit: deficit[i] ?? 0 }))
    .sort((a, b) => b.remainder - a.remainder || b.deficit - a.deficit || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i] = (counts[i] as number) + 1;
    left--;
  }
  return counts;
}
