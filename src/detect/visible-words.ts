/**
 * Words a reader can see: glyphs that no redaction hides and that are not a box's label, joined
 * into words by adjacency on the line, along the direction the text runs (sideways and upside-down
 * text reads in its own direction, not one letter per line).
 */
import type { Glyph, Word } from '../model.js';
import { alongText, union } from '../facts/geometry.js';

/** Join glyphs (in paint order) into words: a new word at a space, a gap, a turn, or a jump to another line. */
export function wordsFromGlyphs(glyphs: Glyph[]): Word[] {
  const words: Word[] = [];
  let cur: Glyph[] = [];
  const flush = () => {
    if (!cur.length) return;
    const text = cur.map((g) => g.text).join('').trim();
    if (text) {
      const bold = cur.filter((g) => g.bold).length * 2 >= cur.length;
      const italic = cur.filter((g) => g.italic).length * 2 >= cur.length;
      const fontSize = cur.reduce((m, g) => Math.max(m, g.fontSize), 0);
      const dir = cur[0].dir;
      words.push({ text, bbox: cur.map((g) => g.bbox).reduce(union), fontSize, bold, italic, ...(dir ? { dir } : {}) });
    }
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
