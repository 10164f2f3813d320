/**
 * Glyphs joined into words, as a reader reads them: one word per run of glyphs in paint order,
 * parted at a space, a gap, a turn, or a jump to another line, along the direction the text runs.
 * The page's words (detect/visible-words.ts) and the text of hidden annotations' appearances
 * (facts/hidden-appearances.ts) are joined alike.
 */
import type { Glyph } from '../model.js';
import { alongText } from './geometry.js';

/** The glyphs of each word, in paint order (spaces left out). */
export function glyphRuns(glyphs: Glyph[]): Glyph[][] {
  const runs: Glyph[][] = [];
  let cur: Glyph[] = [];
  const flush = () => {
    if (cur.length) runs.push(cur);
    cur = [];
  };
  for (const g of glyphs) {
    if (g.isSpace || /^\s+$/.test(g.text)) {
      flush();
      continue;
    }
    const prev = cur[cur.length - 1];
    if (prev && !sameWord(prev, g)) flush();
    cur.push(g);
  }
  flush();
  return runs;
}

/** True when g continues prev's word: the same direction, no gap, no turn, no jump to another line. */
function sameWord(prev: Glyph, g: Glyph): boolean {
  const size = Math.max(prev.fontSize, g.fontSize, 1);
  const d = g.dir ?? 0;
  const [a, b] = [alongText(prev.bbox, d), alongText(g.bbox, d)];
  const gap = b[0] - a[2];
  const prevMid = (a[1] + a[3]) / 2;
  const mid = (b[1] + b[3]) / 2;
  return !((prev.dir ?? 0) !== d || gap > 0.15 * size || gap < -0.5 * size || Math.abs(mid - prevMid) > 0.5 * size);
}
