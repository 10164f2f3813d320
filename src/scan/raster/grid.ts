/**
 * Stages 1 and 2 of the raster box search: the cell grid (dark pixel count and grey sum per cell
 * about half a point wide) and the "solid" cells (>= 50% dark over a 3x3-cell window, which absorbs
 * halftone dots, stripes and JPEG speckle while strokes thinner than about a point vanish).
 */
import type { GreyImage } from '../render.js';

export interface CellGrid {
  /** Cell side, pixels. */
  c: number;
  /** Cell side, points. */
  cellPt: number;
  gw: number;
  gh: number;
  /** Dark pixels per cell. */
  cnt: Uint16Array;
  /** Grey sum of the dark pixels per cell. */
  gsum: Uint32Array;
  /** Grey level below which a pixel is dark. */
  T: number;
}

/** Otsu threshold of a 256-bin histogram. */
export function otsu(hist: ArrayLike<number>): number {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < 256; i++) {
    total += hist[i];
    sum += i * hist[i];
  }
  if (total === 0) return 128;
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let bestT = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      bestT = t + 1;
    }
  }
  return bestT;
}

/** Grey histogram of an image (subsampled on big images). */
export function greyHistogram(img: GreyImage): Float64Array {
  const hist = new Float64Array(256);
  const d = img.data;
  const step = img.width * img.height > 2_000_000 ? 7 : 1;
  for (let i = 0; i < d.length; i += step) hist[d[i]]++;
  return hist;
}

/** Dark threshold of an image: Otsu over a subsample, clamped to 50..128. */
export function darkThreshold(img: GreyImage): number {
  return Math.min(128, Math.max(50, otsu(greyHistogram(img))));
}

/** Stage 1: dark count and grey sum of dark pixels per cell (cells about half a point wide). */
export function cellGrid(img: GreyImage, T: number): CellGrid {
  return toneGrid(img, 0, T);
}

/** Cells (about half a point wide) counting the pixels with grey in [lo, hi), and their grey sum; `T` is `hi`. */
export function toneGrid(img: GreyImage, lo: number, hi: number): CellGrid {
  const { width: W, height: H, data, scale } = img;
  const c = Math.min(15, Math.max(1, Math.round(scale * 0.5)));
  const gw = Math.ceil(W / c);
  const gh = Math.ceil(H / c);
  const cnt = new Uint16Array(gw * gh);
  const gsum = new Uint32Array(gw * gh);
  if (c === 1) {
    // a cell per pixel (scans at up to ~200 dpi): no cell arithmetic per pixel
    for (let i = 0, n = W * H; i < n; i++) {
      const v = data[i];
      if (v >= lo && v < hi) {
        cnt[i] = 1;
        gsum[i] = v;
      }
    }
    return { c, cellPt: c / scale, gw, gh, cnt, gsum, T: hi };
  }
  const xcell = new Int32Array(W);
  for (let x = 0; x < W; x++) xcell[x] = (x / c) | 0;
  for (let y = 0; y < H; y++) {
    const rb = ((y / c) | 0) * gw;
    const pb = y * W;
    for (let x = 0; x < W; x++) {
      const v = data[pb + x];
      if (v >= lo && v < hi) {
        const k = rb + xcell[x];
        cnt[k]++;
        gsum[k] += v;
      }
    }
  }
  return { c, cellPt: c / scale, gw, gh, cnt, gsum, T: hi };
}

/** Stage 2: cells that are >= `share` dark over their 3x3-cell window. */
export function solidCells(grid: CellGrid, share = 0.5): Uint8Array {
  const { gw, gh, cnt, c } = grid;
  const hs = new Uint16Array(gw * gh);
  const rowEmpty = new Uint8Array(gh);
  for (let y = 0; y < gh; y++) {
    const b = y * gw;
    let any = 0;
    for (let x = 0; x < gw; x++) any |= cnt[b + x];
    if (any === 0) {
      rowEmpty[y] = 1;
      continue;
    }
    hs[b] = cnt[b] + (gw > 1 ? cnt[b + 1] : 0);
    for (let x = 1; x < gw - 1; x++) hs[b + x] = cnt[b + x - 1] + cnt[b + x] + cnt[b + x + 1];
    if (gw > 1) hs[b + gw - 1] = cnt[b + gw - 2] + cnt[b + gw - 1];
  }
  const solid = new Uint8Array(gw * gh);
  const need = 9 * c * c * share;
  for (let y = 0; y < gh; y++) {
    const b = y * gw;
    // rows without dark cells above, here or below make no solid cell: most of a page is paper
    if (rowEmpty[y] && (y === 0 || rowEmpty[y - 1]) && (y + 1 === gh || rowEmpty[y + 1])) continue;
    const up = y > 0 ? b - gw : -1;
    const down = y + 1 < gh ? b + gw : -1;
    for (let x = 0; x < gw; x++) {
      const s = hs[b + x] + (up >= 0 ? hs[up + x] : 0) + (down >= 0 ? hs[down + x] : 0);
      if (s >= need) solid[b + x] = 1;
    }
  }
  return solid;
}
