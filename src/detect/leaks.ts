/**
 * Leaks: text still extractable under a redaction. Works per character: a glyph counts when the
 * region hides most of it (see coverage.ts). Whitespace-only and label-only cover is not a leak.
 * Under an unapplied Redact annotation all text is a leak, whatever the paint order.
 */
import type { Glyph, Leak, LeakKind } from '../model.js';
import { COVER_SHARE, glyphText, hiddenShare } from './coverage.js';
import { isExemptionLabel } from '../scan/exemptions.js';
import type { Region } from './regions.js';

export interface RegionCover {
  /** Glyphs the region hides (or, for an unapplied annotation, marks). */
  covered: Glyph[];
  text: string;
}

export function coveredGlyphs(region: Region, glyphs: Glyph[]): Glyph[] {
  const [x0, y0, x1, y1] = region.bbox;
  const parts = region.unapplied ? region.parts.map((p) => ({ ...p, order: Infinity, color: [0, 0, 0] as [number, number, number] })) : region.parts;
  return glyphs.filter((g) => {
    if (g.bbox[2] <= x0 || g.bbox[0] >= x1 || g.bbox[3] <= y0 || g.bbox[1] >= y1) return false;
    return hiddenShare(g, parts) >= COVER_SHARE;
  });
}

/**
 * True when OCR text reads as language rather than an OCR engine's reading of a black box:
 * at least one token of 2+ letters, mostly letters, with a vowel, and no letter run 3+ long.
 */
export function readsAsText(text: string): boolean {
  return text.split(/\s+/).some((t) => {
    const letters = t.replace(/[^\p{L}]/gu, '');
    return letters.length >= 2 && letters.length / t.length >= 0.7 && /[aeiouy]/i.test(letters) && !/(\p{L})\1\1/u.test(letters);
  });
}

/**
 * Share of an OCR-layer word's characters a box must hide for the word to lie under the box: a
 * word running through a box (a box found over a bold word, "iscl" of "disclosure") is not under it.
 */
export const LAYER_WORD_COVER = 0.6;

/**
 * Widest a layer word's letters may be, on average, in heights of its line: an OCR engine reading
 * a blob or a box stretches a letter or two across it ("Ji" 66 pt wide at 8 pt over a marker blob);
 * print is about half as wide as it is tall, even in a wide face.
 */
export const LAYER_MAX_LETTER_ASPECT = 2;

/** True when an OCR-layer word's letters are stretched far wider than print (a reading of a blob). */
function stretched(word: Glyph[]): boolean {
  const ink = word.filter((g) => !g.isSpace);
  if (!ink.length) return false;
  const width = Math.max(...ink.map((g) => g.bbox[2])) - Math.min(...ink.map((g) => g.bbox[0]));
  const height = Math.max(...ink.map((g) => g.bbox[3] - g.bbox[1]), 1e-6);
  return width / ink.length > LAYER_MAX_LETTER_ASPECT * height;
}

/** The glyphs of the word glyph `i` belongs to: neighbours in drawing order on its line, up to a space or gap. */
function wordAround(glyphs: Glyph[], i: number): Glyph[] {
  const sameWord = (a: Glyph, b: Glyph) => {
    if (a.isSpace || b.isSpace || a.invisible !== b.invisible) return false;
    const h = Math.max(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1], 1);
    const sameLine = Math.abs(a.bbox[1] + a.bbox[3] - b.bbox[1] - b.bbox[3]) / 2 < h * 0.5;
    return sameLine && b.bbox[0] - a.bbox[2] < h * 0.25 && b.bbox[0] > a.bbox[0] - h * 0.1;
  };
  let start = i;
  let end = i;
  while (start > 0 && sameWord(glyphs[start - 1], glyphs[start])) start--;
  while (end < glyphs.length - 1 && sameWord(glyphs[end], glyphs[end + 1])) end++;
  return glyphs.slice(start, end + 1);
}

/** True when `word` is part of the box's own label (the OCR layer reads the label printed on the box). */
function ofLabel(word: string, label: string | undefined): boolean {
  if (isExemptionLabel(word)) return true;
  const w = word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  return Boolean(label && w && label.toLowerCase().replace(/[^\p{L}\p{N} ]/gu, ' ').split(/\s+/).includes(w));
}

/**
 * What an invisible OCR layer leaks under a box: its whole words lying under the box (at least
 * LAYER_WORD_COVER of each hidden), printed at the width of print (LAYER_MAX_LETTER_ASPECT), that
 * read as language and are not the box's own label.
 */
function layerWordsUnder(region: Region, glyphs: Glyph[], covered: Glyph[]): string {
  const index = new Map(glyphs.map((g, i) => [g, i]));
  const hidden = new Set(covered);
  const seen = new Set<Glyph>();
  const words: Glyph[][] = [];
  for (const g of covered) {
    if (seen.has(g) || g.isSpace) continue;
    const word = wordAround(glyphs, index.get(g)!);
    for (const x of word) seen.add(x);
    if (word.filter((x) => hidden.has(x)).length >= word.length * LAYER_WORD_COVER && !stretched(word)) words.push(word);
  }
  return words
    .map((w) => glyphText(w))
    .filter((w) => readsAsText(w) && !ofLabel(w, region.label))
    .join(' ');
}

/**
 * Longest OCR-layer reading of a box's printed label, in multiples of the label's length: inside a
 * box that holds nothing but its label the layer's words are its reading of that label, however
 * garbled (corpus 32: "f:lon" for "(b)(6)"); much more text than the label is something else.
 */
export const LABEL_READING_MAX = 2;

/** True when the layer text under a box that holds only its label is the layer's reading of that label. */
function layerReadsLabel(region: Region, covered: Glyph[]): boolean {
  if (!region.labelInside || !region.label) return false;
  return covered.filter((g) => !g.isSpace).length <= LABEL_READING_MAX * region.label.replace(/\s+/g, '').length;
}

/** The leak a region causes, if any. */
export function leakOf(region: Region, regionId: string, page: number, glyphs: Glyph[]): Leak | null {
  const covered = coveredGlyphs(region, glyphs);
  let text = glyphText(covered);
  if (!/[\p{L}\p{N}]/u.test(text)) return null;
  if (isExemptionLabel(text)) return null;
  // an invisible OCR layer under a box holds what the OCR engine made of the box and of the words
  // around it: only whole words under the box that read as language, and are not its label, leak
  if (!region.unapplied && covered.every((g) => g.invisible)) {
    if (layerReadsLabel(region, covered)) return null;
    text = layerWordsUnder(region, glyphs, covered);
  }
  if (!text) return null;
  if (region.label && text.replace(/\s+/g, ' ').trim() === region.label.replace(/\s+/g, ' ').trim()) return null;
  const kind: LeakKind = region.unapplied ? 'unapplied-annotation' : 'text-under-box';
  return { page, bbox: region.bbox, kind, text, redactionId: regionId };
}
