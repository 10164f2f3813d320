/**
 * Pixels of an embedded image under a page area: decoded image data from pdfjs (objs), sampled
 * through the image's placement on the page.
 */
import type { BBox, PlacedImage } from '../model.js';
import type { PDFPageProxy } from '../load/pdfjs.js';
import { applyPoint, type Matrix } from './geometry.js';

/** Decoded image as pdfjs delivers it in Node: kind 1 = 1 bit grey, 2 = RGB, 3 = RGBA. */
export interface DecodedImage {
  width: number;
  height: number;
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}

/**
 * The decoded pixels of a placed image, or undefined when pdfjs has none for it (inline images).
 * A stencil mask comes back as 1-bit grey: its painted pixels (bit 0) dark, the rest light.
 */
export async function decodedImage(page: PDFPageProxy, image: PlacedImage, timeoutMs = 5000): Promise<DecodedImage | undefined> {
  const id = image.objId;
  if (!id) return undefined;
  // images used on several pages live in the document's common objects ("g_" ids), as in pdf.js' canvas
  const objs = id.startsWith('g_') ? page.commonObjs : page.objs;
  const obj = await new Promise<unknown>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    try {
      objs.get(id, (value: unknown) => {
        clearTimeout(timer);
        resolve(value);
      });
    } catch {
      clearTimeout(timer);
      resolve(undefined);
    }
  });
  const o = obj as Partial<DecodedImage> | undefined;
  if (!o || !o.data || !o.width || !o.height) return undefined;
  // pdfjs sends a mask's bits with 0 = painted, the layout of its 1-bit grey images (0 = black)
  if (image.stencil) return { width: o.width, height: o.height, kind: 1, data: o.data };
  if (![1, 2, 3].includes(o.kind ?? 0)) return undefined;
  return o as DecodedImage;
}

function invert(m: Matrix): Matrix | null {
  const det = m[0] * m[3] - m[1] * m[2];
  if (Math.abs(det) < 1e-12) return null;
  return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det, (m[2] * m[5] - m[3] * m[4]) / det, (m[1] * m[4] - m[0] * m[5]) / det];
}

export interface AreaTone {
  /** Pixels sampled. */
  samples: number;
  /** Share of sampled pixels that are dark (luminance < 96). */
  darkShare: number;
  /** Share of sampled pixels that are light (luminance > 160). */
  lightShare: number;
}

/**
 * Tone of the image under a display-space box: sample up to ~40,000 pixels on a grid over the box
 * (shrunk by `inset` points so anti-aliased edges do not count).
 */
export function toneUnder(img: DecodedImage, placement: PlacedImage, box: BBox, inset = 1): AreaTone {
  const inv = invert(placement.transform as Matrix);
  const empty = { samples: 0, darkShare: 0, lightShare: 0 };
  if (!inv) return empty;
  const x0 = box[0] + inset, y0 = box[1] + inset, x1 = box[2] - inset, y1 = box[3] - inset;
  if (x1 <= x0 || y1 <= y0) return empty;
  const steps = 200;
  const nx = Math.max(2, Math.min(steps, Math.ceil(x1 - x0) * 2));
  const ny = Math.max(2, Math.min(steps, Math.ceil(y1 - y0) * 2));
  let samples = 0, dark = 0, light = 0;
  const rowBytes1 = (img.width + 7) >> 3;
  for (let j = 0; j < ny; j++) {
    const y = y0 + ((j + 0.5) * (y1 - y0)) / ny;
    for (let i = 0; i < nx; i++) {
      const x = x0 + ((i + 0.5) * (x1 - x0)) / nx;
      const [u, v] = applyPoint(inv, x, y); // unit square, v up
      if (u < 0 || u >= 1 || v <= 0 || v > 1) continue;
      const col = Math.min(img.width - 1, Math.floor(u * img.width));
      const row = Math.min(img.height - 1, Math.floor((1 - v) * img.height));
      let lum: number;
      if (img.kind === 1) lum = (img.data[row * rowBytes1 + (col >> 3)] >> (7 - (col & 7))) & 1 ? 255 : 0;
      else {
        const bpp = img.kind === 2 ? 3 : 4;
        const k = (row * img.width + col) * bpp;
        lum = 0.299 * img.data[k] + 0.587 * img.data[k + 1] + 0.114 * img.data[k + 2];
      }
      samples++;
      if (lum < 96) dark++;
      else if (lum > 160) light++;
    }
  }
  return samples ? { samples, darkShare: dark / samples, lightShare: light / samples } : empty;
}

/**
 * The image's own pixels under a display-space box, resampled to grey at `scale` pixels per point
 * (nearest neighbour): what someone who extracts the image sees there, whatever is drawn over it.
 * Pixels outside the image are white.
 */
export function greyUnder(img: DecodedImage, placement: PlacedImage, box: BBox, scale: number): { width: number; height: number; data: Uint8Array } {
  const width = Math.max(1, Math.round((box[2] - box[0]) * scale));
  const height = Math.max(1, Math.round((box[3] - box[1]) * scale));
  const data = new Uint8Array(width * height).fill(255);
  const inv = invert(placement.transform as Matrix);
  if (!inv) return { width, height, data };
  const rowBytes1 = (img.width + 7) >> 3;
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      const [u, v] = applyPoint(inv, box[0] + (i + 0.5) / scale, box[1] + (j + 0.5) / scale);
      if (u < 0 || u >= 1 || v <= 0 || v > 1) continue;
      const col = Math.min(img.width - 1, Math.floor(u * img.width));
      const row = Math.min(img.height - 1, Math.floor((1 - v) * img.height));
      let lum: number;
      if (img.kind === 1) lum = (img.data[row * rowBytes1 + (col >> 3)] >> (7 - (col & 7))) & 1 ? 255 : 0;
      else {
        const k = (row * img.width + col) * (img.kind === 2 ? 3 : 4);
        lum = 0.299 * img.data[k] + 0.587 * img.data[k + 1] + 0.114 * img.data[k + 2];
      }
      data[j * width + i] = lum;
    }
  }
  return { width, height, data };
}

export interface AreaUniformity {
  /** Pixels sampled. */
  samples: number;
  /** Share of sampled pixels within a few levels of the area's median luminance, 0..1. */
  uniformShare: number;
  /** Mean opacity of the sampled pixels, 0..1 (1 for images without an alpha channel). */
  opacity: number;
}

/** How uniform (a plain bar) and how opaque the image is under a display-space box. */
export function uniformityUnder(img: DecodedImage, placement: PlacedImage, box: BBox, tolerance = 24): AreaUniformity {
  const inv = invert(placement.transform as Matrix);
  const empty = { samples: 0, uniformShare: 0, opacity: 0 };
  if (!inv) return empty;
  const [x0, y0, x1, y1] = box;
  if (x1 <= x0 || y1 <= y0) return empty;
  const nx = Math.max(2, Math.min(100, Math.ceil(x1 - x0) * 2));
  const ny = Math.max(2, Math.min(100, Math.ceil(y1 - y0) * 2));
  const lums: number[] = [];
  let alpha = 0;
  const rowBytes1 = (img.width + 7) >> 3;
  for (let j = 0; j < ny; j++) {
    const y = y0 + ((j + 0.5) * (y1 - y0)) / ny;
    for (let i = 0; i < nx; i++) {
      const x = x0 + ((i + 0.5) * (x1 - x0)) / nx;
      const [u, v] = applyPoint(inv, x, y);
      if (u < 0 || u >= 1 || v <= 0 || v > 1) continue;
      const col = Math.min(img.width - 1, Math.floor(u * img.width));
      const row = Math.min(img.height - 1, Math.floor((1 - v) * img.height));
      if (img.kind === 1) {
        lums.push((img.data[row * rowBytes1 + (col >> 3)] >> (7 - (col & 7))) & 1 ? 255 : 0);
        alpha += 1;
      } else {
        const bpp = img.kind === 2 ? 3 : 4;
        const k = (row * img.width + col) * bpp;
        lums.push(0.299 * img.data[k] + 0.587 * img.data[k + 1] + 0.114 * img.data[k + 2]);
        alpha += bpp === 4 ? img.data[k + 3] / 255 : 1;
      }
    }
  }
  if (!lums.length) return empty;
  const median = [...lums].sort((a, b) => a - b)[lums.length >> 1];
  const near = lums.filter((l) => Math.abs(l - median) <= tolerance).length;
  return { samples: lums.length, uniformShare: near / lums.length, opacity: alpha / lums.length };
}
