/**
 * Render a PDF page to an 8-bit grey bitmap (for raster redaction detection and OCR).
 *
 * Pixel (x, y) of the result corresponds to the display-space point (x / scale, y / scale):
 * top-left origin, rotation applied, the same space as BBox in model.ts.
 */
import { pdfjs, type PDFPageProxy } from '../load/pdfjs.js';
import type { BBox, PageFacts } from '../model.js';
import { AnalysisError } from '../errors.js';
import { rgbaToGrey, rgbaToRgb, type GreyImage } from './pixels.js';

// the page image's pixel conversions live in pixels.ts (a raster thread loads them without pdf.js)
export { CHROMA_MIN, COLOUR_PAGE_SHARE, rgbaToGrey, rgbaToRgb, type GreyImage } from './pixels.js';

type RenderParams = Parameters<PDFPageProxy['render']>[0];

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
