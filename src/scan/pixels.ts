/**
 * Pixel conversions of a page's render (render.ts) and of a page image taken as it is
 * (page-image.ts). No pdf.js here: a raster thread loads this alone.
 */

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

/** The decoded pixels of a page image as pdf.js gives them: kind 2 = RGB, 3 = RGBA. */
export interface DirectPageImage {
  width: number;
  height: number;
  kind: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** Luma (BT.601, integer) of RGBA pixels composited on white (or of opaque RGB pixels, `channels` 3). */
export function rgbaToGrey(rgba: Uint8Array | Uint8ClampedArray, n: number, channels: 3 | 4 = 4): Uint8Array {
  const out = new Uint8Array(n);
  if (channels === 3) {
    for (let i = 0, j = 0; i < n; i++, j += 3) out[i] = (rgba[j] * 77 + rgba[j + 1] * 150 + rgba[j + 2] * 29) >> 8;
    return out;
  }
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    const a = rgba[j + 3];
    let y = (rgba[j] * 77 + rgba[j + 1] * 150 + rgba[j + 2] * 29) >> 8;
    if (a !== 255) y = (y * a + 255 * (255 - a)) / 255 | 0;
    out[i] = y;
  }
  return out;
}

/**
 * RGB of RGBA pixels composited on white (or of opaque RGB pixels, `channels` 3), or undefined when
 * fewer than COLOUR_PAGE_SHARE of them are coloured (a grey page needs no colour copy).
 */
export function rgbaToRgb(rgba: Uint8Array | Uint8ClampedArray, n: number, channels: 3 | 4 = 4): Uint8Array | undefined {
  // look first, on every 7th pixel: most scans are grey and need no copy
  let coloured = 0;
  for (let j = 0; j < n * channels; j += 7 * channels) {
    const r = rgba[j], g = rgba[j + 1], b = rgba[j + 2];
    if ((channels === 3 || rgba[j + 3] > 127) && Math.max(r, g, b) - Math.min(r, g, b) > CHROMA_MIN) coloured++;
  }
  if (coloured * 7 < n * COLOUR_PAGE_SHARE) return undefined;
  if (channels === 3) return new Uint8Array(rgba.subarray(0, n * 3));
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

/** The grey render (and colour copy, when asked and the page has colour) of a direct page image at its render scale. */
export function greyOfPageImage(img: DirectPageImage, scale: number, colour: boolean): GreyImage {
  const channels = img.kind === 2 ? 3 : 4;
  const n = img.width * img.height;
  const grey: GreyImage = { width: img.width, height: img.height, data: rgbaToGrey(img.data, n, channels), scale };
  if (colour) {
    const rgb = rgbaToRgb(img.data, n, channels);
    if (rgb) grey.rgb = rgb;
  }
  return grey;
}
