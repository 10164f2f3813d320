/**
 * Earlier revisions: text an earlier saved revision of the file shows and the final one no longer
 * has. Each revision's extractable text is compared with the final revision's, word by word and
 * page by page (the same extractor for both, so unchanged pages compare equal); a word counts as
 * removed only when the whole document has fewer of it than the revision had (text that moved to
 * another page was not removed). Removed words next to each other form one leak. Text the final
 * revision still holds under a box is reported by the final revision's own rules, not here.
 */
import type { BBox, Leak, RevisionText, TextRun } from '../model.js';
import { intersectionArea, union } from '../facts/geometry.js';
import { isExemptionLabel } from '../scan/exemptions.js';
import { normalizeToken } from './vocabulary.js';

interface Token {
  key: string;
  text: string;
  bbox: BBox;
  /** Index of the run it came from (tokens of neighbouring runs may join into one leak). */
  run: number;
}

/** Split runs into word tokens, each with its share of the run's box. */
export function tokensOfRuns(runs: readonly TextRun[]): Token[] {
  const out: Token[] = [];
  runs.forEach((r, run) => {
    const total = r.text.length || 1;
    const w = r.bbox[2] - r.bbox[0];
    for (const m of r.text.matchAll(/\S+/g)) {
      const key = normalizeToken(m[0]);
      if (!key) continue;
      const x0 = r.bbox[0] + (w * m.index) / total;
      out.push({ key, text: m[0], bbox: [x0, r.bbox[1], x0 + (w * m[0].length) / total, r.bbox[3]], run });
    }
  });
  return out;
}

function countKeys(tokens: readonly Token[], into = new Map<string, number>()): Map<string, number> {
  for (const t of tokens) into.set(t.key, (into.get(t.key) ?? 0) + 1);
  return into;
}

/** Tokens of an earlier page that the final page does not have (per word, as many as are missing). */
function missingOnPage(earlier: readonly Token[], final: readonly Token[]): Token[] {
  const left = countKeys(final);
  const missing: Token[] = [];
  for (const t of earlier) {
    const n = left.get(t.key) ?? 0;
    if (n > 0) left.set(t.key, n - 1);
    else missing.push(t);
  }
  return missing;
}

/** Removed tokens side by side (consecutive in the page's order, on one line) as phrases. */
function phrases(removed: Set<Token>, tokens: readonly Token[]): Token[][] {
  const out: Token[][] = [];
  let cur: Token[] = [];
  for (const t of tokens) {
    const prev = cur[cur.length - 1];
    if (!removed.has(t) || (prev && (t.run - prev.run > 1 || Math.abs(t.bbox[1] - prev.bbox[1]) > 2 * (prev.bbox[3] - prev.bbox[1])))) {
      if (cur.length) out.push(cur);
      cur = [];
    }
    if (removed.has(t)) cur.push(t);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** A phrase worth reporting: a word of two letters or a number of three digits, not only a label. */
function meaningful(text: string): boolean {
  return (/\p{L}{2}/u.test(text) || /\p{N}{3}/u.test(text)) && !isExemptionLabel(text);
}

/**
 * Leaks of the earlier revisions against the final text. `redactions` (per page, 1-based) lets a
 * leak name the final revision's box over the place, when there is one.
 */
export function earlierRevisionLeaks(
  final: readonly TextRun[][],
  revisions: readonly RevisionText[],
  totalRevisions: number,
  redactions: ReadonlyMap<number, { id: string; bbox: BBox }[]> = new Map(),
): Leak[] {
  const finalTokens = final.map(tokensOfRuns);
  const finalCount = new Map<string, number>();
  for (const page of finalTokens) countKeys(page, finalCount);
  const leaks: Leak[] = [];
  const seen = new Set<string>();
  // the latest revision first: a phrase several revisions show is reported once, from the last of them
  for (const rev of [...revisions].sort((a, b) => b.revision - a.revision)) {
    const revTokens = rev.pages.map(tokensOfRuns);
    const revCount = new Map<string, number>();
    for (const page of revTokens) countKeys(page, revCount);
    revTokens.forEach((tokens, i) => {
      const missing = missingOnPage(tokens, finalTokens[i] ?? []);
      // only as many of a word as the whole document lost (moved text is not removed text)
      const budget = new Map<string, number>();
      const removed = new Set<Token>();
      for (const t of missing) {
        const allowed = (revCount.get(t.key) ?? 0) - (finalCount.get(t.key) ?? 0);
        const used = budget.get(t.key) ?? 0;
        if (used < allowed) {
          budget.set(t.key, used + 1);
          removed.add(t);
        }
      }
      for (const phrase of phrases(removed, tokens)) {
        const text = phrase.map((t) => t.text).join(' ');
        const key = `${i}|${phrase.map((t) => t.key).join(' ')}`;
        if (!meaningful(text) || seen.has(key)) continue;
        seen.add(key);
        const bbox = phrase.map((t) => t.bbox).reduce(union);
        const box = (redactions.get(i + 1) ?? []).find((r) => intersectionArea(r.bbox, bbox) > 0);
        const gone = i >= final.length; // a page the final revision no longer has
        leaks.push({
          kind: 'earlier-revision',
          page: gone ? null : i + 1,
          bbox: gone ? null : bbox,
          text,
          redactionId: box?.id ?? null,
          detail: `revision ${rev.revision} of ${totalRevisions}` + (gone ? `, its page ${i + 1} (no longer in the file)` : ''),
          revision: rev.revision,
        });
      }
    });
  }
  return leaks;
}
