/** Small numeric helpers shared by the text stage. */

/** Median of the values; NaN for an empty list. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Linear-interpolated quantile q (0..1) of the values; NaN for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = sortedNumbers(values);
  const pos = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * The values in ascending order. A typed array sorts numbers natively (no comparator calls: the
 * text stage takes medians of every word's size); with a NaN among them, the comparator sort of
 * before keeps its placement of it.
 */
function sortedNumbers(values: readonly number[]): ArrayLike<number> {
  const out = Float64Array.from(values);
  for (let i = 0; i < out.length; i++) if (out[i] !== out[i]) return [...values].sort((a, b) => a - b);
  return out.sort();
}

/** Rounds to the given number of decimals. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions turning a into b. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
