/**
 * Hand-built page layouts for the text-stage tests. Text-layer words are 0.5 em per character
 * with a 0.25 em space and a box one font size high; OCR words get uneven heights, estimated font
 * sizes, no bold, a confidence, and can drift vertically (skew).
 */
import type { BBox, PageLayout, Redaction, Word } from '../../src/model.js';

export const PAGE_W = 612;
export const PAGE_H = 792;
export const LEFT = 72;

export interface WordOptions {
  size?: number;
  bold?: boolean;
  italic?: boolean;
}

/** Words of `text` on one line starting at (x, top). */
export function words(text: string, x: number, top: number, opts: WordOptions = {}): Word[] {
  const size = opts.size ?? 11;
  const out: Word[] = [];
  let cx = x;
  for (const t of text.split(/\s+/).filter(Boolean)) {
    const w = t.length * 0.5 * size;
    out.push({ text: t, bbox: [cx, top, cx + w, top + size], fontSize: size, bold: opts.bold ?? false, italic: opts.italic ?? false });
    cx += w + 0.25 * size;
  }
  return out;
}

/** Width `words` gives a text. */
export function textWidth(text: string, size = 11): number {
  const ws = text.split(/\s+/).filter(Boolean);
  return ws.reduce((s, w) => s + w.length * 0.5 * size, 0) + Math.max(0, ws.length - 1) * 0.25 * size;
}

/** OCR-like words: heights vary with the letters, boxes drift `skew` pt per pt of x, no bold. */
export function ocrWords(text: string, x: number, top: number, opts: { size?: number; skew?: number } = {}): Word[] {
  const size = opts.size ?? 11;
  const skew = opts.skew ?? 0;
  return words(text, x, top, { size }).map((w, i) => {
    const tall = /[A-Z0-9bdfhklt]/.test(w.text);
    const desc = /[gjpqy]/.test(w.text);
    const drift = (w.bbox[0] - x) * skew;
    const y0 = top + drift + (tall ? 0 : 0.25 * size) + (i % 2 ? 0.3 : -0.3);
    const y1 = top + drift + (desc ? 1.05 * size : 0.8 * size);
    const h = y1 - y0;
    return { ...w, bbox: [w.bbox[0], y0, w.bbox[2], y1] as BBox, fontSize: Math.round(h * 1.4 * 10) / 10, bold: false, confidence: 91 };
  });
}

const VOCAB = ['the', 'parties', 'agree', 'that', 'information', 'shall', 'be', 'shared', 'with', 'each', 'other', 'under', 'this', 'memorandum', 'and', 'its', 'terms', 'as', 'provided', 'herein', 'for', 'purposes', 'of', 'law', 'enforcement'];

/** A body line of about `chars` characters (deterministic by seed); ends with '.' when `last`. */
export function bodyText(seed: number, chars = 84, last = false): string {
  const out: string[] = [];
  let n = 0;
  let i = seed * 7;
  while (n < chars) {
    const w = VOCAB[i++ % VOCAB.length];
    if (n + w.length + 1 > chars && out.length > 0) break;
    out.push(w);
    n += w.length + 1;
  }
  return out.join(' ') + (last ? '.' : '');
}

export interface BoxSpec {
  /** x range of the box. */
  x0: number;
  x1: number;
  label?: string;
  /** How many rows the box covers (from this row down). */
  rows?: number;
}

export interface RowSpec {
  text?: string;
  size?: number;
  bold?: boolean;
  /** Left edge; 'centre' centres the row on the page. */
  x?: number | 'centre';
  /** Extra space above the row (pt). */
  gap?: number;
  ocr?: boolean;
  skew?: number;
  boxes?: BoxSpec[];
}

export interface PageOptions {
  top?: number;
  leading?: number;
  /** Lines placed at absolute tops, outside the flow (stamps, page numbers). */
  fixed?: { text: string; top: number; x?: number | 'centre'; size?: number }[];
}

/** Builds one page from rows laid out top to bottom. Redaction ids are `p<page>-r<n>`. */
export function pageOf(page: number, rows: (RowSpec | string)[], opts: PageOptions = {}): PageLayout {
  const leading = opts.leading ?? 14;
  let top = opts.top ?? 72;
  const all: Word[] = [];
  const redactions: Redaction[] = [];
  const xOf = (x: number | 'centre' | undefined, text: string, size: number): number =>
    x === 'centre' ? (PAGE_W - textWidth(text, size)) / 2 : (x ?? LEFT);
  for (const f of opts.fixed ?? []) {
    all.push(...words(f.text, xOf(f.x, f.text, f.size ?? 10), f.top, { size: f.size ?? 10 }));
  }
  for (const spec of rows) {
    const row: RowSpec = typeof spec === 'string' ? { text: spec } : spec;
    const size = row.size ?? 11;
    top += row.gap ?? 0;
    const text = row.text ?? '';
    const x = xOf(row.x, text, size);
    if (text) all.push(...(row.ocr ? ocrWords(text, x, top, { size, skew: row.skew }) : words(text, x, top, { size, bold: row.bold })));
    for (const box of row.boxes ?? []) {
      const n = box.rows ?? 1;
      redactions.push({
        id: `p${page}-r${redactions.length + 1}`,
        page,
        bbox: [box.x0, top - 1, box.x1, top + (n - 1) * leading + size + 1],
        source: 'vector',
        style: 'solid',
        ...(box.label ? { label: box.label } : {}),
      });
    }
    top += Math.max(leading, size + 3);
  }
  return { page, width: PAGE_W, height: PAGE_H, words: all, redactions };
}

/** A paragraph of `n` full body lines, the last one shorter and ending with a period. */
export function paragraph(seed: number, n: number, extra: Partial<RowSpec> = {}): RowSpec[] {
  return Array.from({ length: n }, (_, i) => ({ ...extra, text: bodyText(seed + i, i === n - 1 ? 40 : 84, i === n - 1) }));
}

/** Shuffles deterministically (to prove order does not depend on input order). */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  let s = 17;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
