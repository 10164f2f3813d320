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
  return { words: out, meanConfidence: out.length ? confSum / out.length : undefined };
}
