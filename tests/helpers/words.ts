/** Bag-of-words and fuzzy title comparison for OCR results against ground truth. */

export function normWord(w: string): string {
  return w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').toLowerCase();
}

export function bag(words: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words.map(normWord).filter(Boolean)) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

/** Recall and precision of `found` against `truth`, as bags of words. */
export function bagScores(found: string[], truth: string[]): { recall: number; precision: number } {
  const f = bag(found);
  const t = bag(truth);
  let inter = 0, tn = 0, fn = 0;
  for (const [w, n] of t) {
    tn += n;
    inter += Math.min(n, f.get(w) ?? 0);
  }
  for (const n of f.values()) fn += n;
  return { recall: tn ? inter / tn : 1, precision: fn ? inter / fn : 1 };
}

export function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length];
}

/** Titles match when they differ by no more than OCR slips (15% of the characters, at least 2). */
export function sameTitle(a: string, b: string): boolean {
  const n = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const x = n(a), y = n(b);
  return levenshtein(x, y) <= Math.max(2, Math.round(0.15 * Math.max(x.length, y.length)));
}
