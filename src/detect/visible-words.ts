/**
 * Words a reader can see: glyphs that no redaction hides and that are not a box's label, joined
 * into words by adjacency on the line, along the direction the text runs (sideways and upside-down
 * text reads in its own direction, not one letter per line).
 */
import type { Glyph, Word } from '../model.js';
import { alongText } from '../facts/geometry.js';

/**
 * Join glyphs (in paint order) into words: a new word at a space, a gap, a turn, or a jump to another
 * line. `isPicture`: which words are picture text (picture-text.ts).
 */
export function wordsFromGlyphs(glyphs: Glyph[], isPicture?: ((run: readonly Glyph[]) => boolean) | null): Word[] {
  const words: Word[] = [];
  for (const run of glyphRuns(glyphs)) {
    const word = wordOf(run);
    if (word && isPicture?.(run)) word.picture = true;
    if (word) words.push(word);
  }
  return words;
}

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

function wordOf(run: Glyph[]): Word | null {
  let text = '';
  let bold = 0, italic = 0, invisible = 0, fontSize = 0;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const g of run) {
    text += g.text;
    if (g.bold) bold++;
    if (g.italic) italic++;
    if (g.invisible) invisible++;
    fontSize = Math.max(fontSize, g.fontSize);
    x0 = Math.min(x0, g.bbox[0]);
    y0 = Math.min(y0, g.bbox[1]);
    x1 = Math.max(x1, g.bbox[2]);
    y1 = Math.max(y1, g.bbox[3]);
  }
  text = text.trim();
  const dir = run[0].dir;
  return text
    ? { text, bbox: [x0, y0, x1, y1], fontSize, bold: bold * 2 >= run.length, italic: italic * 2 >= run.length, ...(dir ? { dir } : {}), ...(invisible * 2 > run.length ? { invisible: true as const } : {}) }
    : null;
}
