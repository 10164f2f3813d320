/**
 * What an embedded image shows under a vector box drawn over it: the image's own pixels there
 * (an ordinary image, or a 1-bit stencil mask painted with the fill colour), cropped through the
 * image's placement on the page, and read by the OCR pool. This is the text anyone who extracts
 * the image can see, although the box hides it on screen.
 */
import type { BBox, PlacedImage } from '../model.js';
import type { DecodedImage } from '../facts/image-pixels.js';
import { applyPoint, type Matrix } from '../facts/geometry.js';
import type { GreyImage } from './render.js';
import type { OcrWord } from './ocr-pool.js';
import type { OcrEngine } from './ocr-engine.js';

/** Resolution the crop under a box is sampled at for OCR: 300 dpi, in pixels per point. */
export const UNDER_BOX_SCALE = 300 / 72;
/** Largest crop, pixels (a box over a whole page is sampled coarser). */
export const UNDER_BOX_MAX_PIXELS = 16_000_000;
/** Words read under a box with less confidence than this are left out of the leak's text. */
export const UNDER_BOX_MIN_CONFIDENCE = 30;

function invert(m: Matrix): Matrix | null {
  const det = m[0] * m[3] - m[1] * m[2];
  if (Math.abs(det) < 1e-12) return null;
  return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det, (m[2] * m[5] - m[3] * m[4]) / det, (m[1] * m[4] - m[0] * m[5]) / det];
}

/** Luminance of the image pixel at (col, row); a stencil mask's painted pixels are 0, the rest 255. */
function lumAt(img: DecodedImage, col: number, row: number): number {
  if (img.kind === 1) return (img.data[row * ((img.width + 7) >> 3) + (col >> 3)] >> (7 - (col & 7))) & 1 ? 255 : 0;
  const k = (row * img.width + col) * (img.kind === 2 ? 3 : 4);
  return (img.data[k] * 77 + img.data[k + 1] * 150 + img.data[k + 2] * 29) >> 8;
}

/**
 * The image's pixels under a display-space box, as black-on-white grey for OCR (a mostly dark crop,
 * white print on black, is inverted), padded with white; undefined when the box misses the image.
 */
export function imageCropUnder(img: DecodedImage, placement: PlacedImage, box: BBox, scale = UNDER_BOX_SCALE): GreyImage | undefined {
  const inv = invert(placement.transform as Matrix);
  const bw = box[2] - box[0];
  const bh = box[3] - box[1];
  if (!inv || !(bw > 0 && bh > 0)) return undefined;
  const s = Math.min(scale, Math.sqrt(UNDER_BOX_MAX_PIXELS / (bw * bh)));
  const w = Math.max(1, Math.round(bw * s));
  const h = Math.max(1, Math.round(bh * s));
  const pad = Math.round(s * 4);
  const W = w + 2 * pad;
  const out = new Uint8Array(W * (h + 2 * pad)).fill(255);
  let inside = 0;
  let dark = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [u, v] = applyPoint(inv, box[0] + (x + 0.5) / s, box[1] + (y + 0.5) / s); // unit square, v up
      if (u < 0 || u >= 1 || v <= 0 || v > 1) continue;
      const lum = lumAt(img, Math.min(img.width - 1, Math.floor(u * img.width)), Math.min(img.height - 1, Math.floor((1 - v) * img.height)));
      out[(y + pad) * W + x + pad] = lum;
      inside++;
      if (lum < 128) dark++;
    }
  }
  if (inside === 0) return undefined;
  if (dark > inside / 2) for (let y = pad; y < pad + h; y++) for (let x = pad; x < pad + w; x++) out[y * W + x] = 255 - out[y * W + x];
  return { width: W, height: h + 2 * pad, data: out, scale: s };
}

/** What OCR reads in the crops under one box: its words in reading order and their mean confidence. */
export interface UnderBoxText {
  text: string;
  /** Mean confidence of the words kept, 0..100; undefined when nothing was read. */
  confidence?: number;
}

/** Read the crops of one box (one per image part under it), in order; words below UNDER_BOX_MIN_CONFIDENCE are left out. */
export async function readUnderBox(pool: OcrEngine, crops: GreyImage[]): Promise<UnderBoxText> {
  const words: OcrWord[] = [];
  for (const crop of crops) {
    let read = (await pool.recognize(crop, { layout: 'block' })).filter((w) => w.confidence >= UNDER_BOX_MIN_CONFIDENCE);
    // scattered print (a form, a table) that the block layout cannot follow
    if (read.length === 0) read = (await pool.recognize(crop, { layout: 'sparse' })).filter((w) => w.confidence >= UNDER_BOX_MIN_CONFIDENCE);
    words.push(...read);
  }
  const kept = words.filter((w) => /[\p{L}\p{N}]/u.test(w.text));
  if (kept.length === 0) return { text: '' };
  return {
    text: kept.map((w) => w.text).join(' '),
    confidence: Math.round((kept.reduce((s, w) => s + w.confidence, 0) / kept.length) * 10) / 10,
  };
}
