/**
 * Render a PDF page to an 8-bit grey bitmap (for raster redaction detection and OCR).
 *
 * Pixel (x, y) of the result corresponds to the display-space point (x / scale, y / scale):
 * top-left origin, rotation applied, the same space as BBox in model.ts.
 */
import { pdfjs, type PDFPageProxy } from '../load/pdfjs.js';
import type { BBox, PageFacts } from '../model.js';
import { AnalysisError } from '../errors.js';

type RenderParams = Parameters<PDFPageProxy['render']>[0];

export interface GreyImage {
  width: number;
  height: number;
  /** One byte per pixel, row-major, 0 = black, 255 = white. */
  data: Uint8Array;
  /** Pixels per PDF point (dpi / 72). */
  scale: number;
  /**
   * The same pixels in colour (R, G, B per pixel, composited on white), kept only when asked and
   * the page has colour: labels printed in a colour that grey hides (blue on black) are read from it.
   */
  rgb?: Uint8Array;
}

/** A pixel is coloured when its channels differ by more than this (0..255). */
export const CHROMA_MIN = 48;
/** A page is kept in colour when at least this share of its pixels is coloured. */
export const COLOUR_PAGE_SHARE = 0.0005;

/** Default pixel budget of one rendered page (60 MP, about 240 MB of RGBA while rendering). */
export const DEFAULT_MAX_PIXELS = 60_000_000;
/** Largest side length a canvas may have, whatever the budget. */
export const MAX_CANVAS_SIDE = 32_000;

/** The scale actually usable for a page of `w x h` points at `scale`, within the pixel budget. */
export function fitScale(w: number, h: number, scale: number, maxPixels = DEFAULT_MAX_PIXELS): number {
  if (!(w > 0 && h > 0)) return scale;
  let s = scale > 0 && Number.isFinite(scale) ? scale : 1;
  const px = Math.ceil(w * s) * Math.ceil(h * s);
  if (px > maxPixels) s = Math.sqrt(maxPixels / (w * h)) * 0.999;
  const side = Math.max(w, h) * s;
  if (side > MAX_CANVAS_SIDE) s = (MAX_CANVAS_SIDE / Math.max(w, h)) * 0.999;
  return s;
}

/**
 * Render one page to grey at `scale` pixels per point (300 dpi = 300 / 72).
 * The scale is reduced, never raised, to keep width * height <= maxPixels; the scale used is
 * reported in the result. Annotations are not drawn unless `annotations` is set (the page content
 * is what a scan carries; annotation appearances are judged from the annotations themselves).
 */
export async function renderPageGrey(
  page: PDFPageProxy,
  scale: number,
  opts: { maxPixels?: number; annotations?: boolean; colour?: boolean } = {},
): Promise<GreyImage> {
  const base = page.getViewport({ scale: 1 });
  const s = fitScale(base.width, base.height, scale, opts.maxPixels ?? DEFAULT_MAX_PIXELS);
  const viewport = page.getViewport({ scale: s });
  const width = Math.max(1, Math.ceil(viewport.width - 0.01));
  const height = Math.max(1, Math.ceil(viewport.height - 0.01));
  if (width * height > (opts.maxPixels ?? DEFAULT_MAX_PIXELS) * 1.01 || width > MAX_CANVAS_SIDE || height > MAX_CANVAS_SIDE) {
    throw new AnalysisError('too-large', `page ${page.pageNumber} is too large to render (${width}x${height} px)`);
  }

  // The operator list must exist before rendering (it is cached by pdfjs, so this is cheap
  // when the caller already read it).
  await page.getOperatorList();

  // the canvas library is loaded by the first page drawn: an analysis of born-digital pages never loads it
  const { createCanvas } = await import('@napi-rs/canvas');
  const canvas = createCanvas(width, height);
  try {
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    const task = page.render({
      canvasContext: ctx as unknown as RenderParams['canvasContext'],
      canvas: canvas as unknown as RenderParams['canvas'],
      viewport,
      annotationMode: opts.annotations ? pdfjs.AnnotationMode.ENABLE : pdfjs.AnnotationMode.DISABLE,
    });
    await task.promise;
    const rgba = ctx.getImageData(0, 0, width, height).data;
    const grey: GreyImage = { width, height, data: rgbaToGrey(rgba, width * height), scale: s };
    if (opts.colour) {
      const rgb = rgbaToRgb(rgba, width * height);
      if (rgb) grey.rgb = rgb;
    }
    return grey;
  } finally {
    canvas.width = 0;
    canvas.height = 0;
  }
}

/** Luma (BT.601, integer) of RGBA pixels composited on white. */
export function rgbaToGrey(rgba: Uint8Array | Uint8ClampedArray, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const a = rgba[j + 3];
    let y = (rgba[j] * 77 + rgba[j + 1] * 150 + rgba[j + 2] * 29) >> 8;
    if (a !== 255) y = (y * a + 255 * (255 - a)) / 255 | 0;
    out[i] = y;
  }
  return out;
}

/**
 * RGB of RGBA pixels composited on white, or undefined when fewer than COLOUR_PAGE_SHARE of them
 * are coloured (a grey page needs no colour copy).
 */
export function rgbaToRgb(rgba: Uint8Array | Uint8ClampedArray, n: number): Uint8Array | undefined {
  // look first, on every 7th pixel: most scans are grey and need no copy
  let coloured = 0;
  for (let j = 0; j < n * 4; j += 28) {
    const r = rgba[j], g = rgba[j + 1], b = rgba[j + 2];
    if (rgba[j + 3] > 127 && Math.max(r, g, b) - Math.min(r, g, b) > CHROMA_MIN) coloured++;
  }
  if (coloured * 7 < n * COLOUR_PAGE_SHARE) return undefined;
  const out = new Uint8Array(n * 3);
  for (let i = 0, j = 0, k = 0; i < n; i++, j += 4, k += 3) {
    const a = rgba[j + 3];
    if (a === 255) {
      out[k] = rgba[j];
      out[k + 1] = rgba[j + 1];
      out[k + 2] = rgba[j + 2];
    } else {
      for (let c = 0; c < 3; c++) out[k + c] = ((rgba[j + c] * a + 255 * (255 - a)) / 255) | 0;
    }
  }
  return out;
}

/** An image drawn on a page, with its own pixel size (for choosing a render scale). */
export interface ImageSize {
  /** Where the image is drawn, display points. */
  bbox: BBox;
  /** The image's own pixel size. */
  pixelWidth: number;
  pixelHeight: number;
}

export const DEFAULT_SCAN_DPI = 300;
export const MIN_SCAN_DPI = 150;
export const MAX_SCAN_DPI = 400;

/**
 * Choose the render scale (pixels per point) for a scanned page.
 * When one image covers (>= 85% of) the page, its native resolution is used, clamped to
 * 150..400 dpi; otherwise the default (300 dpi unless given).
 */
export function scanScale(
  images: ImageSize[],
  page: { width: number; height: number },
  opts: { defaultDpi?: number } = {},
): number {
  const def = (opts.defaultDpi ?? DEFAULT_SCAN_DPI) / 72;
  const pageArea = page.width * page.height;
  if (!(pageArea > 0)) return def;
  let best: ImageSize | undefined;
  let bestCover = 0;
  for (const im of images) {
    const ix = Math.max(0, Math.min(im.bbox[2], page.width) - Math.max(im.bbox[0], 0));
    const iy = Math.max(0, Math.min(im.bbox[3], page.height) - Math.max(im.bbox[1], 0));
    const cover = (ix * iy) / pageArea;
    if (cover > bestCover) {
      bestCover = cover;
      best = im;
    }
  }
  if (!best || bestCover < 0.85) return def;
  const bw = best.bbox[2] - best.bbox[0];
  const bh = best.bbox[3] - best.bbox[1];
  if (!(bw > 0 && bh > 0 && best.pixelWidth > 0 && best.pixelHeight > 0)) return def;
  // The image may be drawn rotated by 90 degrees: pair the sides by aspect ratio.
  const straight = Math.abs(Math.log(best.pixelWidth / best.pixelHeight / (bw / bh)));
  const turned = Math.abs(Math.log(best.pixelHeight / best.pixelWidth / (bw / bh)));
  const [pw, ph] = turned < straight ? [best.pixelHeight, best.pixelWidth] : [best.pixelWidth, best.pixelHeight];
  const native = Math.max(pw / bw, ph / bh);
  return Math.min(MAX_SCAN_DPI / 72, Math.max(MIN_SCAN_DPI / 72, native));
}


/** The render scale for a page from its facts: the images it draws (see scanScale). */
export function scanScaleOf(facts: PageFacts, opts: { defaultDpi?: number } = {}): number {
  const sizes = facts.images
    .filter((i) => i.pixelWidth && i.pixelHeight)
    .map((i) => ({ bbox: i.bbox, pixelWidth: i.pixelWidth!, pixelHeight: i.pixelHeight! }));
  return scanScale(sizes, facts, opts);
}
