/**
 * Output stage: the pictures of the review page. Each page rendered in grey at a legible scale and
 * encoded small (WebP), and one crop per placed leak: the page around the leak, or, for an
 * image-under-box leak, the embedded image's own pixels under the box (the evidence: what anyone
 * who extracts the image sees, although the box hides it on screen).
 */
import { createCanvas } from '@napi-rs/canvas';
import { openPdf, readPdfInput, type PdfSource } from '../load/open-pdf.js';
import type { PDFPageProxy } from '../load/pdfjs.js';
import { readPageFacts } from '../facts/page-facts.js';
import { decodedImage, greyUnder } from '../facts/image-pixels.js';
import { intersectionArea } from '../facts/geometry.js';
import { renderPageGrey, type GreyImage } from '../scan/render.js';
import type { BBox } from '../model.js';
import type { Report, ReportLeak } from '../report/schema.js';
import { LIMITS } from '../settings.js';

/** How a PDF is opened to draw its pictures. */
export interface DrawOptions {
  /** Password for an encrypted PDF. */
  password?: string;
  /** Images larger than this many pixels are left out of the pictures (default LIMITS.maxImagePixels). */
  maxImagePixels?: number;
  signal?: AbortSignal;
}

/** Review page images: pixels per point (1.5 = 108 dpi: body text stays legible), format and quality. */
export const REVIEW_IMAGE = { scale: 1.5, mime: 'image/webp', quality: 60 } as const;
/** Pixel budget of one review page image (an absurd page is drawn smaller, never refused). */
export const REVIEW_MAX_PIXELS = 4_000_000;
/** Context around a leak in its crop, points (x, y). */
export const CROP_MARGIN = [36, 18] as const;

export interface EncodedImage {
  mime: string;
  data: Uint8Array;
  /** Pixel size. */
  width: number;
  height: number;
}

export interface PageImage extends EncodedImage {
  page: number;
}

export interface LeakCrop extends EncodedImage {
  /** Index of the leak in report.leaks. */
  leak: number;
  /** page: the rendered page around the leak; image: the embedded image's own pixels under the box. */
  from: 'page' | 'image';
}

export interface ReviewImages {
  pages: PageImage[];
  crops: LeakCrop[];
}

/** Grey pixels as an encoded image (WebP). */
export async function encodeGrey(grey: { width: number; height: number; data: Uint8Array }): Promise<EncodedImage> {
  const { width, height } = grey;
  const canvas = createCanvas(width, height);
  try {
    const ctx = canvas.getContext('2d');
    const img = ctx.createImageData(width, height);
    for (let i = 0, j = 0; i < width * height; i++, j += 4) {
      img.data[j] = img.data[j + 1] = img.data[j + 2] = grey.data[i];
      img.data[j + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
    const data = await canvas.encode('webp', REVIEW_IMAGE.quality);
    return { mime: REVIEW_IMAGE.mime, data, width, height };
  } finally {
    canvas.width = 0;
    canvas.height = 0;
  }
}

/** The part of a rendered page under a box (points), clamped to the page. */
export function cropGrey(grey: GreyImage, box: BBox): { width: number; height: number; data: Uint8Array } {
  const x0 = Math.max(0, Math.floor(box[0] * grey.scale));
  const y0 = Math.max(0, Math.floor(box[1] * grey.scale));
  const x1 = Math.min(grey.width, Math.ceil(box[2] * grey.scale));
  const y1 = Math.min(grey.height, Math.ceil(box[3] * grey.scale));
  const width = Math.max(1, x1 - x0);
  const height = Math.max(1, y1 - y0);
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < height && y0 + y < grey.height; y++) {
    data.set(grey.data.subarray((y0 + y) * grey.width + x0, (y0 + y) * grey.width + x0 + Math.min(width, grey.width - x0)), y * width);
  }
  return { width, height, data };
}

const grow = (b: BBox, [mx, my]: readonly [number, number]): BBox => [b[0] - mx, b[1] - my, b[2] + mx, b[3] + my];

/** The embedded image's own pixels under an image-under-box leak, or undefined when it cannot be decoded. */
async function imageEvidence(page: PDFPageProxy, bbox: BBox, scale: number) {
  const { facts } = await readPageFacts(page);
  const under = facts.images
    .map((img) => ({ img, overlap: intersectionArea(img.bbox, bbox) }))
    .filter((c) => c.overlap > 0)
    .sort((a, b) => b.overlap - a.overlap || b.img.order - a.img.order)[0];
  if (!under) return undefined;
  const decoded = await decodedImage(page, under.img);
  return decoded ? greyUnder(decoded, under.img, grow(bbox, [CROP_MARGIN[0] / 4, CROP_MARGIN[1] / 2]), scale) : undefined;
}

async function pageCrops(page: PDFPageProxy, grey: GreyImage, leaks: { leak: ReportLeak; index: number }[]): Promise<LeakCrop[]> {
  const crops: LeakCrop[] = [];
  for (const { leak, index } of leaks) {
    if (!leak.bbox) continue;
    const evidence = leak.kind === 'image-under-box' ? await imageEvidence(page, leak.bbox, grey.scale) : undefined;
    const pixels = evidence ?? cropGrey(grey, grow(leak.bbox, CROP_MARGIN));
    crops.push({ leak: index, from: evidence ? 'image' : 'page', ...(await encodeGrey(pixels)) });
  }
  return crops;
}

/** Render every page of the report's PDF and the crops of its placed leaks. */
export async function renderReviewImages(input: PdfSource, report: Report, opts: DrawOptions = {}): Promise<ReviewImages> {
  const pdf = await readPdfInput(input, report.file.path);
  const doc = await openPdf(pdf, opts.password, { maxImagePixels: opts.maxImagePixels ?? LIMITS.maxImagePixels });
  const out: ReviewImages = { pages: [], crops: [] };
  try {
    for (const p of report.pages) {
      if (p.page > doc.numPages) break;
      opts.signal?.throwIfAborted();
      const page = await doc.getPage(p.page);
      try {
        const grey = await renderPageGrey(page, REVIEW_IMAGE.scale, { maxPixels: REVIEW_MAX_PIXELS });
        out.pages.push({ page: p.page, ...(await encodeGrey(grey)) });
        const leaks = report.leaks.map((leak, index) => ({ leak, index })).filter((l) => l.leak.page === p.page);
        out.crops.push(...(await pageCrops(page, grey, leaks)));
      } finally {
        page.cleanup();
      }
    }
  } finally {
    await doc.destroy().catch(() => undefined);
  }
  return out;
}
