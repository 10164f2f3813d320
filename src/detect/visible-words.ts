/**
 * Words a reader can see: glyphs that no redaction hides and that are not a box's label, joined
 * into words by adjacency on the line, along the direction the text runs (sideways and upside-down
 * text reads in its own direction, not one letter per line).
 */
import type { Glyph, Word } from '../model.js';
import { glyphRuns } from '../facts/glyph-runs.js';

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
