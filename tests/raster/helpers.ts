/**
 * Synthetic scanned pages for the raster tests: draw in PDF points with @napi-rs/canvas, then
 * degrade the grey pixels like a scanner would (noise, specks, halftone, stripes).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { rgbaToGrey, type GreyImage } from '../../src/scan/render.js';
import type { BBox } from '../../src/model.js';
import { mulberry32 } from '../../scripts/prng.js';

// Deterministic fonts on every machine: the Liberation fonts shipped with pdfjs-dist.
const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts');
GlobalFonts.registerFromPath(path.join(fontDir, 'LiberationSans-Regular.ttf'), 'TestSans');
GlobalFonts.registerFromPath(path.join(fontDir, 'LiberationSans-Bold.ttf'), 'TestSansBold');

export const DPI300 = 300 / 72;

/** A small deterministic PRNG (mulberry32). */
export const rng = mulberry32;

/** Draw a page (coordinates in points) and return its grey pixels. */
export function drawPage(
  wPt: number,
  hPt: number,
  scale: number,
  draw: (ctx: SKRSContext2D) => void,
): GreyImage {
  const w = Math.round(wPt * scale);
  const h = Math.round(hPt * scale);
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.save();
  ctx.scale(scale, scale);
  ctx.fillStyle = '#000';
  ctx.strokeStyle = '#000';
  draw(ctx);
  ctx.restore();
  const img: GreyImage = { width: w, height: h, data: rgbaToGrey(ctx.getImageData(0, 0, w, h).data, w * h), scale };
  canvas.width = 0;
  canvas.height = 0;
  return img;
}

/** Gaussian-like noise (sigma about `amount`) plus a share of salt-and-pepper specks. */
export function addNoise(img: GreyImage, amount = 20, specks = 0.002, seed = 1): GreyImage {
  const r = rng(seed);
  const d = img.data;
  for (let i = 0; i < d.length; i++) {
    let v = d[i] + (r() + r() + r() - 1.5) * amount * 2;
    if (r() < specks) v = r() < 0.5 ? 0 : 255;
    d[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return img;
}

/** Paint a halftone box (dots of ink on a grid), pixels. coverage ~ share of ink. */
export function halftone(img: GreyImage, px: BBox, period = 4, coverage = 0.7): void {
  const r2 = (coverage * period * period) / Math.PI;
  for (let y = Math.round(px[1]); y < Math.round(px[3]); y++) {
    for (let x = Math.round(px[0]); x < Math.round(px[2]); x++) {
      const dx = (x % period) - period / 2 + 0.5;
      const dy = (y % period) - period / 2 + 0.5;
      if (dx * dx + dy * dy <= r2) img.data[y * img.width + x] = 20;
    }
  }
}

/** Paint a striped box: `on` dark rows then `off` light rows, pixels. */
export function stripes(img: GreyImage, px: BBox, on = 2, off = 1): void {
  for (let y = Math.round(px[1]); y < Math.round(px[3]); y++) {
    const dark = (y - Math.round(px[1])) % (on + off) < on;
    img.data.fill(dark ? 25 : 210, y * img.width + Math.round(px[0]), y * img.width + Math.round(px[2]));
  }
}

/** Paint a smooth random mid-grey texture (a photo), pixels, values in [lo, hi]. */
export function photo(img: GreyImage, px: BBox, lo = 70, hi = 190, seed = 7): void {
  const r = rng(seed);
  const cell = 12;
  const gw = Math.ceil((px[2] - px[0]) / cell) + 2;
  const gh = Math.ceil((px[3] - px[1]) / cell) + 2;
  const g = Array.from({ length: gw * gh }, () => r());
  for (let y = Math.round(px[1]); y < Math.round(px[3]); y++) {
    for (let x = Math.round(px[0]); x < Math.round(px[2]); x++) {
      const fx = (x - px[0]) / cell;
      const fy = (y - px[1]) / cell;
      const ix = Math.floor(fx);
      const iy = Math.floor(fy);
      const tx = fx - ix;
      const ty = fy - iy;
      const v =
        g[iy * gw + ix] * (1 - tx) * (1 - ty) +
        g[iy * gw + ix + 1] * tx * (1 - ty) +
        g[(iy + 1) * gw + ix] * (1 - tx) * ty +
        g[(iy + 1) * gw + ix + 1] * tx * ty;
      img.data[y * img.width + x] = Math.round(lo + (hi - lo) * v + (r() - 0.5) * 30);
    }
  }
}

/** A black box drawn as many thin strips with jittered ends: a marker-pen redaction. */
export function raggedBox(ctx: SKRSContext2D, b: BBox, jitter = 0.8, seed = 3): void {
  const r = rng(seed);
  const step = 0.5;
  for (let x = b[0]; x < b[2]; x += step) {
    const t = b[1] + (r() - 0.5) * 2 * jitter;
    const bo = b[3] + (r() - 0.5) * 2 * jitter;
    ctx.fillRect(x, t, step + 0.05, bo - t);
  }
  for (let y = b[1]; y < b[3]; y += step) {
    ctx.fillRect(b[0] - r() * jitter, y, jitter, step + 0.05);
    ctx.fillRect(b[2] - jitter + r() * jitter, y, jitter, step + 0.05);
  }
}

/** A black box with a white label, like FOIA / Mueller-report redactions. */
export function labelledBox(ctx: SKRSContext2D, b: BBox, label: string, sizePt = 10): void {
  ctx.fillStyle = '#000';
  ctx.fillRect(b[0], b[1], b[2] - b[0], b[3] - b[1]);
  ctx.fillStyle = '#fff';
  ctx.font = `${sizePt}px TestSansBold`;
  ctx.textBaseline = 'top';
  ctx.fillText(label, b[0] + 2, b[1] + 2);
  ctx.fillStyle = '#000';
}

/** Lines of running text. */
export function textLines(ctx: SKRSContext2D, x: number, y: number, lines: string[], sizePt = 11, bold = false): void {
  ctx.font = `${sizePt}px ${bold ? 'TestSansBold' : 'TestSans'}`;
  ctx.textBaseline = 'top';
  lines.forEach((l, i) => ctx.fillText(l, x, y + i * sizePt * 1.35));
}

/** Axis-aligned hull of a w x h box centred at (cx, cy) and rotated by deg. */
export function rotatedHull(cx: number, cy: number, w: number, h: number, deg: number): BBox {
  const t = (deg * Math.PI) / 180;
  const hw = (Math.abs(w * Math.cos(t)) + Math.abs(h * Math.sin(t))) / 2;
  const hh = (Math.abs(w * Math.sin(t)) + Math.abs(h * Math.cos(t))) / 2;
  return [cx - hw, cy - hh, cx + hw, cy + hh];
}

/** Largest distance between corresponding edges of two boxes. */
export function edgeError(a: BBox, b: BBox): number {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]), Math.abs(a[3] - b[3]));
}

export { iou } from '../helpers/boxes.js';

export const PARAGRAPH = [
  'The Special Counsel has concluded its investigation into links and coordination',
  'between the government and individuals associated with the campaign. Certain',
  'matters assigned to the Office have not fully concluded as of the date of this',
  'report. After consultation with the Office of the Deputy Attorney General, the',
  'Office has transferred responsibility for those matters to other components.',
];
