/**
 * Words a reader can see: glyphs that no redaction hides and that are not a box's label, joined
 * into words by adjacency on the line, along the direction the text runs (sideways and upside-down
 * text reads in its own direction, not one letter per line).
 */
import type { Glyph, Word } from '../model.js';
import { alongText } from '../facts/geometry.js';

/** Join glyphs (in paint order) into words: a new word at a space, a gap, a turn, or a jump to another line. */
export function wordsFromGlyphs(glyphs: Glyph[]): Word[] {
  const words: Word[] = [];
  let cur: Glyph[] = [];
  const flush = () => {
    if (!cur.length) return;
    let text = '';
    let bold = 0, italic = 0, fontSize = 0;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const g of cur) {
      text += g.text;
      if (g.bold) bold++;
      if (g.italic) italic++;
      fontSize = Math.max(fontSize, g.fontSize);
      x0 = Math.min(x0, g.bbox[0]);
      y0 = Math.min(y0, g.bbox[1]);
      x1 = Math.max(x1, g.bbox[2]);
      y1 = Math.max(y1, g.bbox[3]);
    }
    text = text.trim();
    const dir = cur[0].dir;
    if (text) words.push({ text, bbox: [x0, y0, x1, y1], fontSize, bold: bold * 2 >= cur.length, italic: italic * 2 >= cur.length, ...(dir ? { dir } : {}) });
    cur = [];
  };
  for (const g of glyphs) {
    if (g.isSpace || /^\s+$/.test(g.text)) {
      flush();
      continue;
    }
    const prev = cur[cur.length - 1];
    if (prev) {
      const size = Math.max(prev.fontSize, g.fontSize, 1);
      const d = g.dir ?? 0;
      const [a, b] = [alongText(prev.bbox, d), alongText(g.bbox, d)];
      const gap = b[0] - a[2];
      const prevMid = (a[1] + a[3]) / 2;
      const mid = (b[1] + b[3]) / 2;
      if ((prev.dir ?? 0) !== d || gap > 0.15 * size || gap < -0.5 * size || Math.abs(mid - prevMid) > 0.5 * size) flush();
    }
    cur.push(g);
  }
  flush();
  return words;
}
