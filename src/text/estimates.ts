/**
 * What each redaction could hide, measured against the text around it, so a reader sees "about
 * 2 words" under a box.
 *
 *  - context: the words of the redaction's own line when it has at least LOCAL_MIN_WORDS of them,
 *    else the words of the lines within NEIGHBOUR_LINES above and below it on its page, else the
 *    page's words, else the document's;
 *  - glyph advance: over the context's lines, the span from the first word's left edge to the
 *    last one's right edge, over the characters with one space between words;
 *  - lines a box part spans: its height over the document's line pitch, rounded, at least 1;
 *  - hiddenCharsEstimate = sum over the box's parts of width / advance x lines (rounded);
 *  - hiddenWordsEstimate = sum over the parts of (width / advance + 1) / (mean characters per
 *    context word + 1) x lines, one decimal: characters and spaces over a word and its space.
 * Without any words the fallbacks are DEFAULT_GLYPH_ADVANCE, DEFAULT_WORD_CHARS and DEFAULT_LINE_PITCH.
 * On the generated sample (56 boxes, hidden text known) this gives characters within 5 % for
 * half the boxes (-3.6 % in total) and words within 12 % for half of them (-0.1 % in total).
 */
import type { BBox, Redaction, RedactionEstimate, Word } from '../model.js';
import type { Line } from './lines.js';
import { roundTo } from './math.js';
import { linePitch, wordTokens } from './stats.js';

/** Fallback glyph advance (points): an 11 pt serif font's mean character width with its spacing. */
export const DEFAULT_GLYPH_ADVANCE = 5.5;
/** A line with this many words is its own redactions' context. */
export const LOCAL_MIN_WORDS = 3;
/** Lines above and below a redaction's line that form its context otherwise. */
export const NEIGHBOUR_LINES = 2;

/** Fallback line pitch (points): 11 pt text on 13 pt lines. */
export const DEFAULT_LINE_PITCH = 13;
/** Fallback characters per word (English prose). */
export const DEFAULT_WORD_CHARS = 5;

/** Characters of a text as a reader counts them: code points (a surrogate pair is one). */
function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Mean advance of one character over the lines' words: their spans over their characters (one space between words). */
export function meanGlyphAdvance(rows: readonly (readonly Word[])[]): number {
  let width = 0;
  let chars = 0;
  for (const row of rows) {
    let left = Infinity;
    let right = -Infinity;
    let n = 0;
    let rowChars = 0;
    for (const w of row) {
      if (w.text.length === 0 || !(w.bbox[2] > w.bbox[0])) continue;
      left = Math.min(left, w.bbox[0]);
      right = Math.max(right, w.bbox[2]);
      rowChars += codePoints(w.text);
      n++;
    }
    if (n === 0) continue;
    width += right - left;
    chars += rowChars + n - 1;
  }
  return chars > 0 && width > 0 ? width / chars : DEFAULT_GLYPH_ADVANCE;
}

interface Measure {
  advance: number;
  /** Mean characters per word. */
  wordChars: number;
}

function measureOf(rows: readonly (readonly Word[])[]): Measure | null {
  let words = 0;
  let chars = 0;
  for (const row of rows) {
    for (const w of row) chars += codePoints(w.text);
    words += row.length;
  }
  if (words === 0) return null;
  return { advance: meanGlyphAdvance(rows), wordChars: chars / words };
}

/** What one redaction could hide, given its context's measure, the space and line pitch. */
export function estimateRedaction(r: Pick<Redaction, 'bbox' | 'parts'>, m: Measure, linePitch: number): RedactionEstimate {
  const boxes: BBox[] = r.parts && r.parts.length > 1 ? r.parts : [r.bbox];
  let chars = 0;
  let words = 0;
  for (const b of boxes) {
    const width = Math.max(0, b[2] - b[0]);
    const lines = Math.max(1, Math.round((b[3] - b[1]) / linePitch));
    chars += (width / m.advance) * lines;
    words += ((width / m.advance + 1) / (m.wordChars + 1)) * lines;
  }
  return { hiddenWordsEstimate: roundTo(words, 1), hiddenCharsEstimate: Math.round(chars) };
}

/**
 * Estimates for every redaction placed in the lines (`pages`: each page's lines, furniture
 * included); `bodyRows` are the words of the document's body lines (for its space and pitch).
 */
export function redactionEstimates(pages: readonly (readonly Line[])[], bodyRows: readonly (readonly Word[])[]): Map<string, RedactionEstimate> {
  const pitch = linePitch(bodyRows) ?? linePitch(pages.flat().map((l) => wordTokens(l).map((t) => t.word))) ?? DEFAULT_LINE_PITCH;
  const docMeasure = measureOf(bodyRows) ?? measureOf(pages.flat().map((l) => wordTokens(l).map((t) => t.word))) ?? {
    advance: DEFAULT_GLYPH_ADVANCE,
    wordChars: DEFAULT_WORD_CHARS,
  };
  const out = new Map<string, RedactionEstimate>();
  for (const lines of pages) {
    const rows = lines.map((l) => wordTokens(l).map((t) => t.word));
    const pageMeasure = measureOf(rows);
    lines.forEach((line, i) => {
      const boxes = line.tokens.flatMap((t) => (t.kind === 'redaction' ? [t.redaction] : []));
      if (boxes.length === 0) return;
      const near = rows.slice(Math.max(0, i - NEIGHBOUR_LINES), i + NEIGHBOUR_LINES + 1);
      const m = (rows[i].length >= LOCAL_MIN_WORDS ? measureOf([rows[i]]) : null) ?? measureOf(near) ?? pageMeasure ?? docMeasure;
      for (const r of boxes) out.set(r.id, estimateRedaction(r, m, pitch));
    });
  }
  return out;
}
