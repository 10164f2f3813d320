/**
 * Output stage: overlay images. One PNG per page: the page rendered in grey, each redaction
 * outlined in the colour of its source (vector blue, annotation orange, raster purple; dashed when
 * an annotation was never applied), leaks filled in translucent red, each box's tag (id, label,
 * leaked text) in free space near it with a leader line when set apart (never over the text: see
 * free-space.ts), section starts marked with a tick in the left margin and their title beside it,
 * and a legend of the marks used on that page.
 *
 * Pixel (x, y) of an image is the display-space point (x / scale, y / scale), the space of every
 * bbox in the report. Files are page-001.png, page-002.png, ... in the given folder.
 */
import { readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { openPdf, readPdfInput, type PdfSource } from '../load/open-pdf.js';
import { renderPageGrey } from '../scan/render.js';
import type { Report, ReportSection } from '../report/schema.js';
import { writeFileAtomic } from './write-file.js';
import { InkMap, leaderLine, placeTag, type Rect } from './free-space.js';
import { overlayFileName } from './overlay-names.js';
import type { DrawOptions } from './page-images.js';
import { LIMITS } from '../settings.js';

export { overlayFileName };

/** Default pixels per PDF point: 1.5 = 108 dpi. */
export const OVERLAY_SCALE = 1.5;
/** Pixel budget of one overlay image (about 80 MB of RGBA). */
const OVERLAY_MAX_PIXELS = 20_000_000;

export type Rgb = readonly [number, number, number];

/** Outline colour of each redaction source; leaks and section marks. */
export const OVERLAY_COLORS = {
  vector: [0, 102, 255] as Rgb,
  annotation: [255, 140, 0] as Rgb,
  raster: [160, 32, 240] as Rgb,
  leak: [255, 0, 0] as Rgb,
  section: [0, 140, 70] as Rgb,
} as const;
/** Width of a redaction outline, pixels. Drawn so that the pixel columns/rows just inside the box edge carry it. */
export const OUTLINE_WIDTH = 2;
const LEAK_ALPHA = 0.4;

const rgba = (c: Rgb, a = 1) => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${a})`;

export interface OverlayOptions extends Omit<DrawOptions, 'signal'> {
  /** Pixels per point (default 1.5). */
  scale?: number;
}

let fontFamily: string | undefined;
/** A font that exists on every machine: pdfjs-dist ships Liberation Sans. */
function labelFont(): string {
  if (fontFamily) return fontFamily;
  fontFamily = 'sans-serif';
  try {
    const req = createRequire(import.meta.url);
    const file = path.join(path.dirname(req.resolve('pdfjs-dist/package.json')), 'standard_fonts', 'LiberationSans-Regular.ttf');
    if (GlobalFonts.registerFromPath(file, 'RedactmapOverlaySans')) fontFamily = 'RedactmapOverlaySans';
  } catch {
    // keep the system sans-serif
  }
  return fontFamily;
}

/**
 * Render the overlays of `report` for the PDF `input` into `dir`, replacing any earlier ones
 * (stale page-NNN.png files past the last page are removed). Returns the files written.
 */
export async function writeOverlays(input: PdfSource, report: Report, dir: string, opts: OverlayOptions = {}): Promise<string[]> {
  const pdf = await readPdfInput(input, report.file.path);
  const doc = await openPdf(pdf, opts.password, { maxImagePixels: opts.maxImagePixels ?? LIMITS.maxImagePixels });
  const written: string[] = [];
  try {
    for (const p of report.pages) {
      if (p.page > doc.numPages) break;
      const page = await doc.getPage(p.page);
      try {
        const png = await renderOverlayPage(report, p.page, await renderPageGrey(page, opts.scale ?? OVERLAY_SCALE, { maxPixels: OVERLAY_MAX_PIXELS }));
        const file = path.join(dir, overlayFileName(p.page));
        await writeFileAtomic(file, png);
        written.push(file);
      } finally {
        page.cleanup();
      }
    }
  } finally {
    await doc.destroy().catch(() => undefined);
  }
  await removeStale(dir, report.pages.length);
  return written;
}

async function removeStale(dir: string, pages: number): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^page-(\d+)\.png$/.exec(name);
    if (m && Number(m[1]) > pages) await rm(path.join(dir, name), { force: true });
  }
}

/** Draw one page's overlay on its grey rendering; returns PNG bytes. */
export async function renderOverlayPage(
  report: Report,
  pageNumber: number,
  grey: { width: number; height: number; data: Uint8Array; scale: number },
): Promise<Buffer> {
  const { width, height, scale } = grey;
  const canvas = createCanvas(width, height);
  try {
    const ctx = canvas.getContext('2d');
    const img = ctx.createImageData(width, height);
    const px = img.data;
    for (let i = 0, j = 0; i < width * height; i++, j += 4) {
      // lighten the page a little so the marks stand out
      const v = 64 + ((grey.data[i] * 191) >> 8);
      px[j] = v;
      px[j + 1] = v;
      px[j + 2] = v;
      px[j + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    const page = report.pages.find((p) => p.page === pageNumber);
    const font = labelFont();
    const tags: Tags = { ink: new InkMap(grey), taken: [], left: 0 };
    const leaks = report.leaks.filter((l) => l.page === pageNumber && l.bbox);
    if (page) {
      for (const leak of leaks) {
        const [x0, y0, x1, y1] = pixelBox(leak.bbox!, scale);
        ctx.fillStyle = rgba(OVERLAY_COLORS.leak, LEAK_ALPHA);
        ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
        tags.taken.push([x0, y0, x1, y1]);
      }
      for (const r of page.redactions) {
        ctx.strokeStyle = rgba(OVERLAY_COLORS[r.source]);
        ctx.lineWidth = OUTLINE_WIDTH;
        ctx.setLineDash(r.unapplied ? [6, 4] : []);
        // a multi-line redaction is outlined line box by line box, so the words beside it stay clear
        for (const box of r.parts ?? [r.bbox]) {
          const [x0, y0, x1, y1] = pixelBox(box, scale);
          // the stroke is centred on the path: inset by half its width so it covers the pixels
          // just inside the box edge, x0 .. x0 + width - 1
          const h = OUTLINE_WIDTH / 2;
          ctx.strokeRect(x0 + h, y0 + h, Math.max(0, x1 - x0 - OUTLINE_WIDTH), Math.max(0, y1 - y0 - OUTLINE_WIDTH));
          tags.taken.push([x0, y0, x1, y1]);
        }
      }
      ctx.setLineDash([]);
      for (const r of page.redactions) {
        const leak = report.leaks.find((l) => l.redactionId === r.id);
        const short = r.id.replace(/^p\d+-/, '');
        const leaked = leak ? `LEAK: "${clip(leak.text, 40)}"${leak.confidence !== undefined ? ` (OCR ${Math.round(leak.confidence)})` : ''}` : '';
        const text = [short, r.label, r.unapplied ? 'unapplied' : '', leaked].filter(Boolean).join(' · ');
        drawTag(ctx, font, tags, [text, short], pixelBox(r.bbox, scale), leak ? OVERLAY_COLORS.leak : OVERLAY_COLORS[r.source]);
      }
    }
    drawSectionStarts(ctx, font, tags, report.sections.filter((s) => s.pageStart === pageNumber), scale);
    if (page) drawLegend(ctx, font, tags, legendFor(report, pageNumber));
    return await canvas.encode('png');
  } finally {
    canvas.width = 0;
    canvas.height = 0;
  }
}

/** A bbox in points to whole pixels, outward. */
export function pixelBox(b: readonly number[], scale: number): [number, number, number, number] {
  return [Math.floor(b[0] * scale), Math.floor(b[1] * scale), Math.ceil(b[2] * scale), Math.ceil(b[3] * scale)];
}

const TAG_SIZE = 11;
const TAG_HEIGHT = TAG_SIZE + 4;

/** Where tags may go on one page: its ink, the places already taken, and the tags left out for want of room. */
interface Tags {
  ink: InkMap;
  taken: Rect[];
  left: number;
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

/** A tag in free space near its box (the longest text that finds room), joined to it by a leader line when apart. */
function drawTag(ctx: SKRSContext2D, font: string, tags: Tags, texts: string[], box: Rect, color: Rgb, prefer: (w: number) => [number, number][] = () => []) {
  ctx.font = `${TAG_SIZE}px ${font}`;
  for (const text of texts) {
    const w = Math.ceil(ctx.measureText(text).width) + 6;
    const at = placeTag(tags.ink, tags.taken, box, w, TAG_HEIGHT, prefer(w));
    if (!at) continue;
    tags.taken.push(at);
    const line = leaderLine(box, at);
    if (line) {
      ctx.strokeStyle = rgba(color, 0.8);
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(line[0], line[1]);
      ctx.lineTo(line[2], line[3]);
      ctx.stroke();
    }
    ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
    ctx.fillRect(at[0], at[1], w, TAG_HEIGHT);
    ctx.fillStyle = rgba(color);
    ctx.textBaseline = 'top';
    ctx.fillText(text, at[0] + 3, at[1] + 2);
    return;
  }
  tags.left++;
}

function drawSectionStarts(ctx: SKRSContext2D, font: string, tags: Tags, sections: ReportSection[], scale: number) {
  // A section is marked by a tick in the left margin beside its heading (headingBBox); one without
  // a known position is stacked in the top-left corner. Its title goes in free space beside the tick.
  let stacked = 0;
  let lastY = -Infinity;
  for (const s of sections) {
    const top = headingTop(s);
    let y = top !== undefined ? Math.round(top * scale) + TAG_SIZE / 2 : 10 + stacked++ * (TAG_SIZE + 5);
    if (y < lastY + TAG_SIZE + 5) y = lastY + TAG_SIZE + 5;
    lastY = y;
    const indent = Math.min(4, Math.max(0, s.level - 1)) * 6;
    ctx.fillStyle = rgba(OVERLAY_COLORS.section);
    ctx.fillRect(2 + indent, y - 1, 12, 3);
    const tick: Rect = [2 + indent, y - 1, 14 + indent, y + 2];
    const title = `§ ${clip(s.title, 48) || '(untitled)'}`;
    drawTag(ctx, font, tags, [title, `§ ${clip(s.title, 16) || '(untitled)'}`], tick, OVERLAY_COLORS.section, () => [[16 + indent, y - TAG_HEIGHT / 2]]);
  }
}

/** Top of a section's heading on its first page, points, when the report gives it. */
function headingTop(s: ReportSection): number | undefined {
  const top = s.headingBBox?.[1];
  return typeof top === 'number' && Number.isFinite(top) ? top : undefined;
}

interface LegendItem {
  name: string;
  color: Rgb;
  look: 'outline' | 'dashed' | 'filled' | 'tick';
}

/** Every mark drawn on this page, and only those. */
export function legendFor(report: Report, pageNumber: number): LegendItem[] {
  const page = report.pages.find((p) => p.page === pageNumber);
  const rs = page?.redactions ?? [];
  const items: LegendItem[] = [];
  for (const src of ['vector', 'annotation', 'raster'] as const) {
    if (rs.some((r) => r.source === src && !r.unapplied)) items.push({ name: src, color: OVERLAY_COLORS[src], look: 'outline' });
  }
  if (rs.some((r) => r.unapplied)) items.push({ name: 'unapplied', color: OVERLAY_COLORS.annotation, look: 'dashed' });
  if (report.leaks.some((l) => l.page === pageNumber && l.bbox)) items.push({ name: 'leak', color: OVERLAY_COLORS.leak, look: 'filled' });
  if (report.sections.some((s) => s.pageStart === pageNumber)) items.push({ name: 'section start', color: OVERLAY_COLORS.section, look: 'tick' });
  return items;
}

function drawLegend(ctx: SKRSContext2D, font: string, tags: Tags, items: LegendItem[]) {
  if (!items.length && !tags.left) return;
  ctx.font = `${TAG_SIZE - 1}px ${font}`;
  const note = tags.left ? `${tags.left} tag${tags.left === 1 ? '' : 's'} left out (no free space): see the report` : '';
  const widths = items.map((i) => 16 + Math.ceil(ctx.measureText(i.name).width) + 10);
  const w = widths.reduce((a, b) => a + b, 4) + (note ? Math.ceil(ctx.measureText(note).width) + 6 : 0);
  const { width, height } = tags.ink;
  const h = 16;
  const spot = placeTag(tags.ink, tags.taken, [0, height - h, w, height], w, h, [[2, height - h - 2], [width - w - 2, height - h - 2], [2, 2], [width - w - 2, 2]]);
  if (!spot) return;
  const [x0, y0] = spot;
  const y = y0 + h / 2;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
  ctx.fillRect(x0, y0, w, h);
  ctx.textBaseline = 'middle';
  let x = x0 + 4;
  items.forEach((item, i) => {
    ctx.setLineDash(item.look === 'dashed' ? [3, 2] : []);
    if (item.look === 'filled') {
      ctx.fillStyle = rgba(item.color, LEAK_ALPHA);
      ctx.fillRect(x, y - 5, 12, 10);
    } else if (item.look === 'tick') {
      ctx.fillStyle = rgba(item.color);
      ctx.fillRect(x, y - 1, 12, 3);
    } else {
      ctx.strokeStyle = rgba(item.color);
      ctx.lineWidth = 2;
      ctx.strokeRect(x + 1, y - 4, 10, 8);
    }
    ctx.setLineDash([]);
    ctx.fillStyle = '#000000';
    ctx.fillText(item.name, x + 16, y);
    x += widths[i];
  });
  if (note) ctx.fillText(note, x + 2, y);
}
