/** OCR words (pixels) as page words (points), with what OCR cannot tell (bold) left false. */
import type { BBox, Word } from '../model.js';
import { shapeContains } from '../facts/geometry.js';
import type { OcrWord } from './ocr-pool.js';

/**
 * Convert OCR words to points and drop any whose centre lies in a redaction part (junk read off a
 * masked box edge is not page text). Parts of skewed scan boxes are tested against their exact
 * corners, so words on neighbouring lines, inside the box's axis-aligned hull, are kept.
 */
export function ocrWordsToPage(words: OcrWord[], scale: number, hidden: readonly { bbox: BBox; quad?: [number, number][] }[]): { words: Word[]; meanConfidence: number | undefined } {
  const out: Word[] = [];
  let confSum = 0;
  for (const w of words) {
    const text = w.text.trim();
    if (!text) continue;
    const bbox: BBox = [w.bbox[0] / scale, w.bbox[1] / scale, w.bbox[2] / scale, w.bbox[3] / scale];
    const cx = (bbox[0] + bbox[2]) / 2;
    const cy = (bbox[1] + bbox[3]) / 2;
    if (hidden.some((p) => shapeContains(p, cx, cy))) continue;
    out.push({ text, bbox, fontSize: bbox[3] - bbox[1], bold: false, italic: false, confidence: w.confidence });
    confSum += w.confidence;
  }
  const kept = withoutSpecks(out);
  if (kept.length !== out.length) confSum = kept.reduce((sum, w) => sum + (w.confidence ?? 0), 0);
  return { words: kept, meanConfidence: kept.length ? confSum / kept.length : undefined };
}

/**
 * A lone letter or digit OCR reads off a speck is far smaller than the page's words: a dot of dirt
 * beside a title's "AND" was read "i" (5 px square among 20 px capitals, confidence 81). A letter
 * alone keeps at least its x-height, about half a word's height, and a superscript digit about 0.4
 * of it.
 */
export const SPECK_SIZE_SHARE = 0.3;
/** The page's words of two or more characters this rule needs to know their size. */
const SPECK_MIN_WORDS = 5;

/**
 * Rule: drop each one-character OCR word (a letter or digit) whose box, in its larger dimension, is
 * under SPECK_SIZE_SHARE of the median thickness (smaller dimension) of the page's words of two or
 * more letters or digits. Thickness is the size across a line whichever way the text runs, so the
 * "0"s of a table set sideways stay. Punctuation is left alone: a period or a dash is small by nature.
 */
export function withoutSpecks(words: Word[]): Word[] {
  const thickness = words.filter((w) => ALNUM_WORD.test(w.text)).map((w) => Math.min(w.bbox[2] - w.bbox[0], w.bbox[3] - w.bbox[1]));
  if (thickness.length < SPECK_MIN_WORDS) return words;
  const median = thickness.sort((a, b) => a - b)[thickness.length >> 1];
  const extent = (w: Word) => Math.max(w.bbox[2] - w.bbox[0], w.bbox[3] - w.bbox[1]);
  return words.filter((w) => !(ALNUM_CHAR.test(w.text) && extent(w) < SPECK_SIZE_SHARE * median));
}

const ALNUM_CHAR = /^[\p{L}\p{N}]$/u;
const ALNUM_WORD = /[\p{L}\p{N}].*[\p{L}\p{N}]/u;
