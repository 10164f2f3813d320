/**
 * Boxes on a rendered page: a box given in points or in pixels (with the exact corners of a skewed
 * raster box), its pixel quad, and the page image with boxes painted out before OCR.
 */
import type { BBox, RedactionStyle } from '../model.js';
import type { GreyImage } from './render.js';

/**
 * A box to paint or read: a plain BBox is in PDF points; an object gives pixels (pxBox, and for a
 * skewed raster box its exact corners pxQuad). `group` ties the lines of one multi-line redaction;
 * `style` says how the box looks (a label is light print on a solid box, dark print in an outline).
 */
export type BoxRef = BBox | { pxBox: BBox; pxQuad?: [number, number][]; group?: number; style?: RedactionStyle };

export function isPlainBBox(b: unknown): b is BBox {
  return Array.isArray(b) && typeof b[0] === 'number';
}

export function pixelBox(img: GreyImage, b: BoxRef): BBox {
  if (isPlainBBox(b)) return [b[0] * img.scale, b[1] * img.scale, b[2] * img.scale, b[3] * img.scale];
  return b.pxBox;
}

/** Corners of a box in pixels, clockwise from top-left (image y down). */
export function quadOf(img: GreyImage, b: BoxRef): [number, number][] {
  if (!isPlainBBox(b) && b.pxQuad && b.pxQuad.length === 4) return b.pxQuad;
  const [x0, y0, x1, y1] = pixelBox(img, b);
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}

/** Inward edge lines of a convex quad: distance(x, y) = nx * x + ny * y + c, >= 0 inside. */
export function edgesOf(q: [number, number][]): Float64Array {
  const cx = (q[0][0] + q[1][0] + q[2][0] + q[3][0]) / 4;
  const cy = (q[0][1] + q[1][1] + q[2][1] + q[3][1]) / 4;
  const e = new Float64Array(12);
  for (let i = 0; i < 4; i++) {
    const [ax, ay] = q[i];
    const [bx, by] = q[(i + 1) % 4];
    const len = Math.hypot(bx - ax, by - ay) || 1;
    let nx = -(by - ay) / len;
    let ny = (bx - ax) / len;
    let c = -(nx * ax + ny * ay);
    if (nx * cx + ny * cy + c < 0) {
      nx = -nx;
      ny = -ny;
      c = -c;
    }
    e[i * 3] = nx;
    e[i * 3 + 1] = ny;
    e[i * 3 + 2] = c;
  }
  return e;
}

export function insideAny(edges: Float64Array[], x: number, y: number, inset: number): boolean {
  for (const e of edges) {
    if (
      e[0] * x + e[1] * y + e[2] >= inset &&
      e[3] * x + e[4] * y + e[5] >= inset &&
      e[6] * x + e[7] * y + e[8] >= inset &&
      e[9] * x + e[10] * y + e[11] >= inset
    )
      return true;
  }
  return false;
}

/**
 * A copy of the image with the given boxes painted white (grown by padPx, default 2, to swallow
 * anti-aliased or ragged edges), so that redaction boxes yield no junk text in OCR.
 */
export function maskBoxes(img: GreyImage, boxes: readonly BoxRef[], opts: { padPx?: number } = {}): GreyImage {
  const pad = opts.padPx ?? 2;
  const data = img.data.slice();
  const { width: W, height: H } = img;
  for (const b of boxes) {
    const q = quadOf(img, b);
    const xs = q.map((p) => p[0]);
    const ys = q.map((p) => p[1]);
    const x0 = Math.max(0, Math.floor(Math.min(...xs)) - pad);
    const y0 = Math.max(0, Math.floor(Math.min(...ys)) - pad);
    const x1 = Math.min(W, Math.ceil(Math.max(...xs)) + pad);
    const y1 = Math.min(H, Math.ceil(Math.max(...ys)) + pad);
    if (x1 <= x0 || y1 <= y0) continue;
    const axisAligned = q[0][1] === q[1][1] && q[0][0] === q[3][0];
    if (axisAligned) {
      for (let y = y0; y < y1; y++) data.fill(255, y * W + x0, y * W + x1);
      continue;
    }
    const e = [edgesOf(q)];
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) if (insideAny(e, x + 0.5, y + 0.5, -pad)) data[y * W + x] = 255;
    }
  }
  return { width: W, height: H, data, scale: img.scale };
}
