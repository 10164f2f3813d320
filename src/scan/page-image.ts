/**
 * A scanned page that is one opaque image drawn pixel for pixel (the image's size is the page's
 * render size, upright, from the page's corner) needs no drawing: its render is the image itself.
 * pdf.js has already decoded the image for the page's facts, so the raster thread takes those
 * pixels (DirectPageImage) instead of decoding the image again and drawing it on a canvas.
 * Measured identical, pixel for pixel, to the canvas render on every page of the scanned sample;
 * any other page (other drawing, a rotated, scaled or translucent image) is drawn as before.
 */
import { pdfjs, type PDFPageProxy } from '../load/pdfjs.js';
import type { PlacedImage } from '../model.js';
import type { DirectPageImage } from './pixels.js';
import { fitScale } from './render.js';

const OPS = pdfjs.OPS;

/**
 * Operators that draw nothing and leave how an image is drawn unchanged. Anything else (a path,
 * text even invisible, a graphics state that may set transparency or blending, a clip) means
 * the page is drawn with the canvas.
 */
const INERT = new Set<number>([
  OPS.save, OPS.restore, OPS.transform, OPS.dependency,
  OPS.beginMarkedContent, OPS.beginMarkedContentProps, OPS.endMarkedContent,
  OPS.setFillRGBColor, OPS.setStrokeRGBColor, OPS.setFillGray, OPS.setStrokeGray,
]);

/** Largest distance (pixels) between the image's corners and the render's for "pixel for pixel". */
export const PAGE_IMAGE_ALIGN_PX = 1e-6;


/**
 * The one image XObject a page draws, when the page draws nothing else (operators beyond INERT)
 * and the image lands pixel for pixel on the page's render at `scale` (pixels per point); with the
 * scale the render would use (fitScale).
 */
export function soleAlignedImage(
  ops: { fnArray: ArrayLike<number> },
  page: { width: number; height: number; images: PlacedImage[] },
  scale: number,
): { image: PlacedImage; scale: number } | undefined {
  let painted = 0;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    if (fn === OPS.paintImageXObject) painted++;
    else if (!INERT.has(fn)) return undefined;
  }
  const image = page.images[0];
  if (painted !== 1 || page.images.length !== 1 || !image.objId || image.stencil) return undefined;
  const s = fitScale(page.width, page.height, scale);
  const width = Math.max(1, Math.ceil(page.width * s - 0.01));
  const height = Math.max(1, Math.ceil(page.height * s - 0.01));
  const [a, b, c, d, e, f] = image.transform;
  // the unit square's (0, 1) corner (the image's first row, left) at the page's top left, upright
  const near = (x: number, y: number) => Math.abs(x - y) <= PAGE_IMAGE_ALIGN_PX;
  const aligned = b === 0 && c === 0 && near(a * s, width) && near(-d * s, height) && near(e * s, 0) && near((f + d) * s, 0);
  return aligned && image.pixelWidth === width && image.pixelHeight === height ? { image, scale: s } : undefined;
}

/** pdf.js's decoded object for an image, when it is opaque RGB or RGBA pixels at the given size. */
export function directPageImage(obj: unknown, image: PlacedImage): DirectPageImage | undefined {
  const o = obj as Partial<DirectPageImage> | undefined;
  if (!o?.data || o.width !== image.pixelWidth || o.height !== image.pixelHeight) return undefined;
  const channels = o.kind === 2 ? 3 : o.kind === 3 ? 4 : 0;
  if (!channels || o.data.length !== o.width! * o.height! * channels) return undefined;
  if (channels === 4) for (let j = 3; j < o.data.length; j += 4) if (o.data[j] !== 255) return undefined;
  return o as DirectPageImage;
}

/**
 * The decoded pixels of a page's one image when they are its render (soleAlignedImage), taken from
 * pdf.js's objects while the page still holds them (undefined when pdf.js has not delivered them
 * yet: the page is then drawn). `keep`: pdf.js's copy stays in use (a detection rule reads it), so
 * the raster thread gets a copy rather than that one.
 */
export function pageImageOf(
  page: PDFPageProxy,
  ops: { fnArray: ArrayLike<number> },
  facts: { width: number; height: number; images: PlacedImage[] },
  scale: number,
  keep: boolean,
): { image: DirectPageImage; scale: number } | undefined {
  const sole = soleAlignedImage(ops, facts, scale);
  const id = sole?.image.objId;
  if (!sole || !id) return undefined;
  const objs = id.startsWith('g_') ? page.commonObjs : page.objs;
  let obj: unknown;
  try {
    obj = objs.has(id) ? objs.get(id) : undefined;
  } catch {
    return undefined;
  }
  const image = directPageImage(obj, sole.image);
  if (!image) return undefined;
  // a view into a larger buffer, or one pdf.js shares with another page ("g_"), is copied: moving
  // it to the thread would take it from under them
  const own = !keep && !id.startsWith('g_') && image.data.byteOffset === 0 && image.data.byteLength === image.data.buffer.byteLength;
  return { image: { ...image, data: own ? image.data : image.data.slice() }, scale: sole.scale };
}
