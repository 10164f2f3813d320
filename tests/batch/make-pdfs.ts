/**
 * Small generated filings for the batch, output and CLI tests and for the batch benchmark.
 *
 * Deterministic: no clock, no randomness beyond the given seed. Each page carries a heading, running
 * text, one properly applied black box (the text under it removed) with a white exemption label,
 * and, when asked, one leaky box (black rectangle drawn over live text).
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

export interface FilingOptions {
  /** Pages (default 1). */
  pages?: number;
  /** Title drawn on page 1 (default "MEMORANDUM IN SUPPORT"). */
  title?: string;
  /** Draw a box over live text on every page (a leak). Default false. */
  leak?: boolean;
  /** Varies the words, so that files differ (default 0). */
  seed?: number;
}

/** Where the boxes of each generated page are, display points, origin top-left. */
export const LAYOUT = {
  pageWidth: 612,
  pageHeight: 792,
  /** The applied box with the "(b)(6)" label: [x0, y0, x1, y1]. */
  appliedBox: [200, 236, 320, 252] as [number, number, number, number],
  /** The leaky box (when `leak`), over the words "Jane Roe". */
  leakBox: [150, 284, 260, 300] as [number, number, number, number],
};

const WORDS = [
  'the', 'court', 'motion', 'plaintiff', 'defendant', 'agreement', 'record', 'counsel', 'discovery', 'order',
  'filed', 'evidence', 'party', 'claim', 'relief', 'notice', 'hearing', 'statement', 'witness', 'exhibit',
];

function sentence(seed: number, n: number): string {
  const out: string[] = [];
  let s = seed * 7919 + 17;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out.push(WORDS[(s >>> 16) % WORDS.length]);
  }
  return out.join(' ');
}

function topText(page: PDFPage, text: string, x: number, yTop: number, font: PDFFont, size: number, color = rgb(0, 0, 0)) {
  // pdf-lib places the baseline; yTop is the top of the line box in top-left coordinates
  page.drawText(text, { x, y: LAYOUT.pageHeight - yTop - size * 0.8, font, size, color });
}

function box(page: PDFPage, b: [number, number, number, number]) {
  page.drawRectangle({ x: b[0], y: LAYOUT.pageHeight - b[3], width: b[2] - b[0], height: b[3] - b[1], color: rgb(0, 0, 0) });
}

export async function makeFiling(opts: FilingOptions = {}): Promise<Uint8Array> {
  const pages = opts.pages ?? 1;
  const seed = opts.seed ?? 0;
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  for (let n = 1; n <= pages; n++) {
    const page = doc.addPage([LAYOUT.pageWidth, LAYOUT.pageHeight]);
    if (n === 1) topText(page, opts.title ?? 'MEMORANDUM IN SUPPORT', 160, 90, bold, 16);
    topText(page, `${['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'][(n - 1) % 10]}. ${n === 1 ? 'INTRODUCTION' : `ARGUMENT PART ${n}`}`, 72, 150, bold, 12);
    topText(page, sentence(seed + n, 12), 72, 190, font, 11);
    // the applied redaction: no text under the box, a white label on it
    topText(page, 'The witness', 72, 238, font, 11);
    box(page, LAYOUT.appliedBox);
    topText(page, '(b)(6)', 243, 240, bold, 9, rgb(1, 1, 1));
    topText(page, 'testified at the hearing.', 330, 238, font, 11);
    // the leak: live text, then a black box drawn over it
    topText(page, 'Counsel for', 72, 286, font, 11);
    topText(page, 'Jane Roe', 155, 286, font, 11);
    if (opts.leak) box(page, LAYOUT.leakBox);
    topText(page, 'objected to the order.', 270, 286, font, 11);
    for (let line = 0; line < 20; line++) topText(page, sentence(seed * 31 + n * 101 + line, 11), 72, 330 + line * 16, font, 11);
  }
  return doc.save({ useObjectStreams: false });
}

/** A copy cut short: the first `share` of the bytes (a truncated download). */
export function truncate(bytes: Uint8Array, share = 0.5): Uint8Array {
  return bytes.slice(0, Math.floor(bytes.length * share));
}

/**
 * A "scanned" filing: each page one full-page image of printed text (no text layer), with a
 * black box burned in. Small (150 dpi) so that OCR tests stay quick.
 */
export async function makeScannedFiling(opts: { pages?: number; seed?: number } = {}): Promise<Uint8Array> {
  const { createCanvas } = await import('@napi-rs/canvas');
  const doc = await PDFDocument.create({ updateMetadata: false });
  const scale = 150 / 72;
  for (let n = 1; n <= (opts.pages ?? 1); n++) {
    const canvas = createCanvas(Math.round(LAYOUT.pageWidth * scale), Math.round(LAYOUT.pageHeight * scale));
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.fillStyle = '#000000';
    ctx.font = `bold ${Math.round(16 * scale)}px sans-serif`;
    ctx.fillText('DECLARATION OF WITNESS', 150 * scale, 100 * scale);
    ctx.font = `${Math.round(12 * scale)}px sans-serif`;
    for (let line = 0; line < 12; line++) ctx.fillText(sentence((opts.seed ?? 0) * 13 + n * 7 + line, 8), 72 * scale, (160 + line * 22) * scale);
    ctx.fillRect(200 * scale, 440 * scale, 150 * scale, 18 * scale);
    const png = await doc.embedPng(await canvas.encode('png'));
    const page = doc.addPage([LAYOUT.pageWidth, LAYOUT.pageHeight]);
    page.drawImage(png, { x: 0, y: 0, width: LAYOUT.pageWidth, height: LAYOUT.pageHeight });
  }
  return doc.save({ useObjectStreams: false });
}
