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
 * The decoded pixels of a page's one image when they are its render (soleAlignedImage), caught as
 * pdf.js delivers them to the page's objects (a JPEG usually with the operator list, other images
 * a little later). Nothing waits for them: take() gives them if they came, else the page is drawn.
 * pdf.js's copy goes with the page's cleanup, done here once the pixels are caught or given up
 * (`release`); with `keep` (a detection rule reads that copy later) the thread gets a copy.
 */
export class PendingPageImage {
  private image: DirectPageImage | undefined;
  private settled = false;

  constructor(
    page: PDFPageProxy,
    readonly sole: { image: PlacedImage; scale: number },
    private readonly keep: boolean,
    private readonly release: () => void,
  ) {
    const id = sole.image.objId!;
    // an image used on several pages ("g_") stays pdf.js's: it is copied, never moved
    const objs = id.startsWith('g_') ? page.commonObjs : page.objs;
    try {
      objs.get(id, (obj: unknown) => this.caught(obj, id.startsWith('g_')));
    } catch {
      this.giveUp();
    }
  }

  private caught(obj: unknown, shared: boolean): void {
    if (this.settled) return;
    const image = directPageImage(obj, this.sole.image);
    // a view into a larger buffer is copied too: moving its buffer would move more than the image
    const own = image && !this.keep && !shared && image.data.byteOffset === 0 && image.data.byteLength === image.data.buffer.byteLength;
    if (image) this.image = { ...image, data: own ? image.data : image.data.slice() };
    this.giveUp();
  }

  private giveUp(): void {
    if (this.settled) return;
    this.settled = true;
    this.release();
  }

  /** The pixels, when pdf.js delivered them by now (undefined: draw the page); asked once. */
  take(): { image: DirectPageImage; scale: number } | undefined {
    this.giveUp();
    const image = this.image;
    this.image = undefined;
    return image ? { image, scale: this.sole.scale } : undefined;
  }
}
