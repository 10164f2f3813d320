/**
 * Burned-in redaction boxes in a rendered (scanned) page: solid dark rectangles.
 *
 * Method, on a grid of cells about half a point wide (all typed arrays, no per-pixel objects):
 *  1. threshold the grey image (Otsu, capped), count dark pixels and their grey per cell;
 *  2. "solid" cells: >= 50% dark over a 3x3-cell window (absorbs halftone dots, stripes,
 *     JPEG speckle; strokes thinner than about a point vanish);
 *  3. fill enclosed white holes that look like letter strokes (white labels printed on boxes),
 *     never large clean white areas (table cells, frames);
 *  4. morphological opening with a rectangle a little smaller than the smallest box: keeps only
 *     the union of solid rectangles, removes text strokes, thin rules and letters touching a box;
 *  5. per connected region: estimate skew (minimum-area bounding box over +-2 degrees), cut the
 *     deskewed region into row bands of constant extent (a multi-line redaction is a staircase of
 *     rectangles), reject curved shapes (many transitional rows: bold letters, logos);
 *  6. verify each rectangle on the raw counts: filled (dark + enclosed label) >= 85%, raw dark
 *     >= 50%, dark pixels really dark (mean grey), minimum size, not at the image border.
 */
import type { BBox } from '../model.js';
import type { GreyImage } from './render.js';

export interface RasterBox {
  /** PDF points (pixel coordinates / scale), top-left origin. */
  bbox: BBox;
  /** Pixels of the analysed image. */
  pxBox: BBox;
  /** Share of the box's pixels that are dark (below the threshold), 0..1. */
  darkRatio: number;
  /** Share of the box covered by dark cells or enclosed white label strokes, 0..1. */
  fill: number;
  /** Estimated skew of the box, degrees (0 when axis-aligned). bbox is then the axis-aligned hull. */
  skewDeg: number;
  /** The box's corners in pixels (top-left, top-right, bottom-right, bottom-left): exact when skewed. */
  pxQuad: [number, number][];
  /**
   * Boxes cut from one connected dark region (the lines of one multi-line redaction) share a
   * group number (0, 1, ... per call).
   */
  group: number;
}

export interface RasterBoxOptions {
  /** Smallest box height that can hide a word, points. Default 6. */
  minHeightPt?: number;
  /** Smallest box width, points. Default 10. */
  minWidthPt?: number;
  /** Grey level below which a pixel is dark. Default: Otsu of the page, clamped to 50..128. */
  threshold?: number;
  /** Largest mean grey of a box's dark pixels (rejects mid-grey photos, stamps). Default 90. */
  maxDarkMean?: number;
  /** Smallest share of the box that is dark or enclosed label. Default 0.85. */
  minFill?: number;
  /** Smallest share of raw dark pixels (white labels lower it). Default 0.5. */
  minDarkRatio?: number;
  /** Largest skew searched, degrees. Default 2. */
  maxSkewDeg?: number;
  /** Regions closer than this to the image border are scanner borders, points. Default 2. */
  edgeMarginPt?: number;
  /** Tallest enclosed white hole filled as label text, points. Default 20. */
  maxHoleHeightPt?: number;
  /**
   * Widest white stroke of a label letter, points: enclosed white holes into which a square this
   * wide fits (letter counters, table cells, frames) are not label text. Default 3.
   */
  maxStrokePt?: number;
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

/** Dark threshold of an image: Otsu over a subsample, clamped to 50..128. */
export function darkThreshold(img: GreyImage): number {
  const hist = new Float64Array(256);
  const d = img.data;
  const step = img.width * img.height > 2_000_000 ? 7 : 1;
  for (let i = 0; i < d.length; i += step) hist[d[i]]++;
  return Math.min(128, Math.max(50, otsu(hist)));
}

/** Horizontal runs of cells equal to 1 in a binary grid, with union-find connectivity (4-connected). */
interface Runs {
  n: number;
  y: Int32Array;
  x0: Int32Array;
  /** Exclusive end. */
  x1: Int32Array;
  /** Root run index of each run's component. */
  root: Int32Array;
}

function labelRuns(mask: Uint8Array, gw: number, gh: number, want: 0 | 1): Runs {
  let cap = 1024;
  let ys = new Int32Array(cap);
  let x0s = new Int32Array(cap);
  let x1s = new Int32Array(cap);
  let parent = new Int32Array(cap);
  let n = 0;
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]];
      a = parent[a];
    }
    return a;
  };
  let prevStart = 0;
  let prevEnd = 0;
  for (let y = 0; y < gh; y++) {
    const rowStart = n;
    const base = y * gw;
    let x = 0;
    while (x < gw) {
      while (x < gw && mask[base + x] !== want) x++;
      if (x >= gw) break;
      const s = x;
      while (x < gw && mask[base + x] === want) x++;
      if (n === cap) {
        cap *= 2;
        const g = (a: Int32Array) => {
          const b = new Int32Array(cap);
          b.set(a);
          return b;
        };
        ys = g(ys);
        x0s = g(x0s);
        x1s = g(x1s);
        parent = g(parent);
      }
      ys[n] = y;
      x0s[n] = s;
      x1s[n] = x;
      parent[n] = n;
      n++;
    }
    // union with overlapping runs of the previous row
    let j = prevStart;
    for (let i = rowStart; i < n; i++) {
      while (j < prevEnd && x1s[j] <= x0s[i]) j++;
      let k = j;
      while (k < prevEnd && x0s[k] < x1s[i]) {
        const a = find(i);
        const b = find(k);
        if (a !== b) {
          if (a < b) parent[b] = a;
          else parent[a] = b;
        }
        k++;
      }
    }
    prevStart = rowStart;
    prevEnd = n;
  }
  const root = new Int32Array(n);
  for (let i = 0; i < n; i++) root[i] = find(i);
  return { n, y: ys, x0: x0s, x1: x1s, root };
}

/** Cells (of value 0) that are the top-left corner of a k x k square of zeros. */
function squareFits(mask: Uint8Array, gw: number, gh: number, k: number): Uint8Array {
  const n = gw * gh;
  const h = new Uint8Array(n);
  for (let y = 0; y < gh; y++) {
    const base = y * gw;
    let run = 0;
    for (let x = gw - 1; x >= 0; x--) {
      run = mask[base + x] ? 0 : run + 1;
      if (run >= k) h[base + x] = 1;
    }
  }
  const down = new Uint16Array(gw);
  const out = new Uint8Array(n);
  for (let y = gh - 1; y >= 0; y--) {
    const base = y * gw;
    for (let x = 0; x < gw; x++) {
      const v = h[base + x] ? Math.min(65535, down[x] + 1) : 0;
      down[x] = v;
      if (v >= k) out[base + x] = 1;
    }
  }
  return out;
}

/** Morphological opening of a binary grid by a sw x sh rectangle (in place into a new array). */
function openRect(f: Uint8Array, gw: number, gh: number, sw: number, sh: number): Uint8Array {
  const n = gw * gh;
  // H: a horizontal run of >= sw ones starts here
  const hfit = new Uint8Array(n);
  for (let y = 0; y < gh; y++) {
    const base = y * gw;
    let run = 0;
    for (let x = gw - 1; x >= 0; x--) {
      run = f[base + x] ? run + 1 : 0;
      if (run >= sw) hfit[base + x] = 1;
    }
  }
  // E: a full sw x sh rectangle has its top-left corner here
  const down = new Uint16Array(gw);
  const e = new Uint8Array(n);
  for (let y = gh - 1; y >= 0; y--) {
    const base = y * gw;
    for (let x = 0; x < gw; x++) {
      const v = hfit[base + x] ? Math.min(65535, down[x] + 1) : 0;
      down[x] = v;
      if (v >= sh) e[base + x] = 1;
    }
  }
  // dilate E towards +y by sh, then towards +x by sw
  const cov = new Uint16Array(gw);
  const v = hfit; // reuse
  v.fill(0);
  for (let y = 0; y < gh; y++) {
    const base = y * gw;
    for (let x = 0; x < gw; x++) {
      const c = e[base + x] ? sh : cov[x] > 0 ? cov[x] - 1 : 0;
      cov[x] = c;
      if (c > 0) v[base + x] = 1;
    }
  }
  const out = e; // reuse
  out.fill(0);
  for (let y = 0; y < gh; y++) {
    const base = y * gw;
    let c = 0;
    for (let x = 0; x < gw; x++) {
      c = v[base + x] ? sw : c > 0 ? c - 1 : 0;
      if (c > 0) out[base + x] = 1;
    }
  }
  return out;
}

interface Band {
  v0: number;
  v1: number;
  mins: number[];
  maxs: number[];
  refMin: number;
  refMax: number;
  /** Made by mergeBumps. */
  merged?: boolean;
}

/**
 * Longest run of consecutive thin bands whose edges move steadily one way (each edge only
 * outwards, or only inwards): the outline of a curve or slope (bold letters, seals, logos),
 * unlike letters touching a box, which widen it and then return.
 */
function longestGradualRun(bands: Band[], minH: number, tol: number): number {
  let best = 0;
  let run = 0;
  let dirMin = 0;
  let dirMax = 0;
  for (let i = 0; i < bands.length; i++) {
    const b = bands[i];
    const thin = b.v1 - b.v0 < minH;
    if (!thin || i === 0 || bands[i - 1].v1 !== b.v0 || bands[i - 1].v1 - bands[i - 1].v0 >= minH) {
      run = thin ? 1 : 0;
      dirMin = 0;
      dirMax = 0;
      best = Math.max(best, run);
      continue;
    }
    const p = bands[i - 1];
    const dm = median(b.mins) - median(p.mins);
    const dx = median(b.maxs) - median(p.maxs);
    const sMin = Math.abs(dm) <= tol ? 0 : Math.sign(dm);
    const sMax = Math.abs(dx) <= tol ? 0 : Math.sign(dx);
    if ((sMin && dirMin && sMin !== dirMin) || (sMax && dirMax && sMax !== dirMax)) {
      run = 2;
      dirMin = sMin;
      dirMax = sMax;
    } else {
      run++;
      dirMin ||= sMin;
      dirMax ||= sMax;
    }
    best = Math.max(best, run);
  }
  return best;
}

/**
 * Letters touching a box's side make a few rows wider than the box ("bumps"). Bands that are
 * wider than the bands around them, for less than bumpMax rows, and that return to the same
 * extent afterwards (or sit at either end), are folded into the box's band with its extent.
 */
function mergeBumps(bands: Band[], tol: number, bumpMax: number): void {
  const ext = (b: Band) => [median(b.mins), median(b.maxs)];
  const covers = (x: number[], a: number[]) => x[0] <= a[0] + tol && x[1] >= a[1] - tol;
  const fold = (i: number, j: number, core: Band) => {
    const [a, b] = ext(core);
    const merged: Band = { v0: bands[i].v0, v1: bands[j].v1, mins: [], maxs: [], refMin: a, refMax: b, merged: true };
    for (let k = i; k <= j; k++) {
      const same = bands[k] === core || (Math.abs(ext(bands[k])[0] - a) <= tol && Math.abs(ext(bands[k])[1] - b) <= tol);
      for (let r = 0; r < bands[k].mins.length; r++) {
        merged.mins.push(same ? bands[k].mins[r] : a);
        merged.maxs.push(same ? bands[k].maxs[r] : b);
      }
    }
    bands.splice(i, j - i + 1, merged);
  };
  let changed = true;
  while (changed) {
    changed = false;
    // core, bumps..., core
    for (let i = 0; i < bands.length && !changed; i++) {
      const a = ext(bands[i]);
      let h = 0;
      for (let j = i + 1; j < bands.length; j++) {
        if (bands[j].v0 !== bands[j - 1].v1) break;
        const x = ext(bands[j]);
        if (Math.abs(x[0] - a[0]) <= tol && Math.abs(x[1] - a[1]) <= tol) {
          if (j > i + 1) {
            fold(i, j, bands[i]);
            changed = true;
          }
          break;
        }
        h += bands[j].v1 - bands[j].v0;
        if (h > bumpMax || !covers(x, a)) break;
      }
    }
    if (changed || bands.length < 2) continue;
    // one bump band at the top or bottom end (a gradual widening over several bands is a curve)
    const n = bands.length;
    const fits = (x: Band, core: Band) => !x.merged && x.v1 - x.v0 <= bumpMax && covers(ext(x), ext(core));
    if (bands[1].v0 === bands[0].v1 && fits(bands[0], bands[1])) {
      fold(0, 1, bands[1]);
      changed = true;
    } else if (bands[n - 1].v0 === bands[n - 2].v1 && fits(bands[n - 1], bands[n - 2])) {
      fold(n - 2, n - 1, bands[n - 2]);
      changed = true;
    }
  }
}

function median(a: number[]): number {
  const s = a.slice().sort((p, q) => p - q);
  return s[s.length >> 1];
}

/**
 * Find burned-in redaction boxes in a grey page image. Boxes are returned in reading order
 * (top to bottom, then left to right); a multi-line (staircase) redaction gives one box per
 * band of constant extent.
 */
export function findRasterBoxes(img: GreyImage, opts: RasterBoxOptions = {}): RasterBox[] {
  const { width: W, height: H, data, scale } = img;
  if (W < 4 || H < 4 || !(scale > 0)) return [];
  const minHPt = opts.minHeightPt ?? 6;
  const minWPt = opts.minWidthPt ?? 10;
  const maxDarkMean = opts.maxDarkMean ?? 90;
  const minFill = opts.minFill ?? 0.85;
  const minDarkRatio = opts.minDarkRatio ?? 0.5;
  const maxSkew = opts.maxSkewDeg ?? 2;
  const edgeMarginPt = opts.edgeMarginPt ?? 2;
  const maxHolePt = opts.maxHoleHeightPt ?? 20;
  const maxStrokePt = opts.maxStrokePt ?? 3;
  const T = opts.threshold ?? darkThreshold(img);

  // --- 1. cells: dark count and grey sum of dark pixels
  const c = Math.min(15, Math.max(1, Math.round(scale * 0.5)));
  const cellPt = c / scale;
  const gw = Math.ceil(W / c);
  const gh = Math.ceil(H / c);
  const ng = gw * gh;
  const cnt = new Uint16Array(ng);
  const gsum = new Uint32Array(ng);
  const xcell = new Int32Array(W);
  for (let x = 0; x < W; x++) xcell[x] = (x / c) | 0;
  for (let y = 0; y < H; y++) {
    const rb = ((y / c) | 0) * gw;
    const pb = y * W;
    for (let x = 0; x < W; x++) {
      const v = data[pb + x];
      if (v < T) {
        const k = rb + xcell[x];
        cnt[k]++;
        gsum[k] += v;
      }
    }
  }

  // --- 2. solid cells: >= 50% dark over 3x3 cells
  const hs = new Uint16Array(ng);
  for (let y = 0; y < gh; y++) {
    const b = y * gw;
    for (let x = 0; x < gw; x++) {
      hs[b + x] = cnt[b + x] + (x > 0 ? cnt[b + x - 1] : 0) + (x + 1 < gw ? cnt[b + x + 1] : 0);
    }
  }
  const solid = new Uint8Array(ng);
  const need = 9 * c * c * 0.5;
  for (let y = 0; y < gh; y++) {
    const b = y * gw;
    for (let x = 0; x < gw; x++) {
      const s = hs[b + x] + (y > 0 ? hs[b - gw + x] : 0) + (y + 1 < gh ? hs[b + gw + x] : 0);
      if (s >= need) solid[b + x] = 1;
    }
  }

  // --- 3. fill enclosed white holes shaped like letter strokes
  const filled = solid.slice();
  {
    const r = labelRuns(solid, gw, gh, 0);
    const nr = r.n;
    // per-root stats
    const minx = new Int32Array(nr).fill(0x7fffffff);
    const maxx = new Int32Array(nr).fill(-1);
    const miny = new Int32Array(nr).fill(0x7fffffff);
    const maxy = new Int32Array(nr).fill(-1);
    for (let i = 0; i < nr; i++) {
      const k = r.root[i];
      if (r.x0[i] < minx[k]) minx[k] = r.x0[i];
      if (r.x1[i] - 1 > maxx[k]) maxx[k] = r.x1[i] - 1;
      if (r.y[i] < miny[k]) miny[k] = r.y[i];
      if (r.y[i] > maxy[k]) maxy[k] = r.y[i];
    }
    // A hole is "thick" when a square of maxStrokePt fits inside it: the counter of a big bold
    // letter, a table cell, the inside of a frame. Label letters are strokes: thin everywhere.
    const k = Math.max(2, Math.round(maxStrokePt / cellPt));
    const sq = squareFits(solid, gw, gh, k);
    const thick = new Uint8Array(nr);
    for (let i = 0; i < nr; i++) {
      const b = r.y[i] * gw;
      const root = r.root[i];
      if (thick[root]) continue;
      for (let x = r.x0[i]; x < r.x1[i]; x++) {
        if (sq[b + x]) {
          thick[root] = 1;
          break;
        }
      }
    }
    const maxHoleCells = maxHolePt / cellPt;
    const fillIt = new Uint8Array(nr);
    for (let q = 0; q < nr; q++) {
      if (r.root[q] !== q || thick[q]) continue;
      if (minx[q] === 0 || miny[q] === 0 || maxx[q] === gw - 1 || maxy[q] === gh - 1) continue;
      if (maxy[q] - miny[q] + 1 > maxHoleCells) continue;
      fillIt[q] = 1;
    }
    for (let i = 0; i < nr; i++) {
      if (!fillIt[r.root[i]]) continue;
      const b = r.y[i] * gw;
      filled.fill(1, b + r.x0[i], b + r.x1[i]);
    }
  }

  // --- 4. opening with a rectangle a little smaller than the smallest box
  const sw = Math.max(2, Math.floor((minWPt * 0.8) / cellPt));
  const sh = Math.max(2, Math.floor((minHPt * 0.8) / cellPt));
  const opened = openRect(filled, gw, gh, sw, sh);

  // --- 5. regions of the opened mask
  const runs = labelRuns(opened, gw, gh, 1);
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < runs.n; i++) {
    const k = runs.root[i];
    let a = byRoot.get(k);
    if (!a) byRoot.set(k, (a = []));
    a.push(i);
  }
  const label = new Int32Array(ng).fill(-1);
  for (let i = 0; i < runs.n; i++) {
    const b = runs.y[i] * gw;
    label.fill(runs.root[i], b + runs.x0[i], b + runs.x1[i]);
  }

  const margin = Math.max(1, Math.round(edgeMarginPt / cellPt));
  const minHC = minHPt / cellPt;
  const minWC = minWPt / cellPt;
  const tol = Math.max(2, Math.round(2 / cellPt));
  const bumpMaxC = 12 / cellPt;
  const out: RasterBox[] = [];
  const groupOf = new Map<number, number>();

  for (const [root, list] of byRoot) {
    let bx0 = Infinity;
    let by0 = Infinity;
    let bx1 = -Infinity;
    let by1 = -Infinity;
    for (const i of list) {
      bx0 = Math.min(bx0, runs.x0[i]);
      bx1 = Math.max(bx1, runs.x1[i]);
      by0 = Math.min(by0, runs.y[i]);
      by1 = Math.max(by1, runs.y[i] + 1);
    }
    if (bx0 < margin || by0 < margin || bx1 > gw - margin || by1 > gh - margin) continue; // scanner border
    if (bx1 - bx0 < minWC * 0.9 || by1 - by0 < minHC * 0.9) continue;

    // bounding box of the run end points in a frame rotated by th
    const cx = (bx0 + bx1) / 2;
    const cy = (by0 + by1) / 2;
    const rotBox = (th: number) => {
      const cs = Math.cos(th);
      const sn = Math.sin(th);
      let u0 = Infinity;
      let u1 = -Infinity;
      let v0 = Infinity;
      let v1 = -Infinity;
      for (const i of list) {
        const ya = runs.y[i] - cy;
        const yb = ya + 1;
        const xa = runs.x0[i] - cx;
        const xb = runs.x1[i] - cx;
        for (let q = 0; q < 4; q++) {
          const px = q & 1 ? xb : xa;
          const py = q & 2 ? yb : ya;
          const u = px * cs + py * sn;
          const v = -px * sn + py * cs;
          if (u < u0) u0 = u;
          if (u > u1) u1 = u;
          if (v < v0) v0 = v;
          if (v > v1) v1 = v;
        }
      }
      return { u0, u1, v0, v1, area: (u1 - u0) * (v1 - v0) };
    };
    // skew: the angle that best concentrates the horizontal edges (top and bottom borders of the
    // region) into few rows; works for rectangles and staircases alike
    let theta = 0;
    if (maxSkew > 0) {
      const ex: number[] = [];
      const ey: number[] = [];
      for (let y = by0; y < by1; y++) {
        const b = y * gw;
        for (let x = bx0; x < bx1; x++) {
          if (label[b + x] !== root) continue;
          if (y === 0 || label[b - gw + x] !== root) {
            ex.push(x + 0.5 - cx);
            ey.push(y - cy);
          }
          if (y === gh - 1 || label[b + gw + x] !== root) {
            ex.push(x + 0.5 - cx);
            ey.push(y + 1 - cy);
          }
        }
      }
      const span = Math.ceil(Math.hypot(bx1 - bx0, by1 - by0)) + 4;
      const hist = new Float64Array(2 * span + 1);
      const score = (th: number) => {
        hist.fill(0);
        const cs = Math.cos(th);
        const sn = Math.sin(th);
        let sc = 0;
        for (let i = 0; i < ex.length; i++) {
          const k = Math.round(-ex[i] * sn + ey[i] * cs) + span;
          sc += 2 * hist[k] + 1; // running sum of squares
          hist[k]++;
        }
        return sc;
      };
      const base = score(0);
      let bestScore = base;
      const step = (0.1 * Math.PI) / 180;
      const nSteps = Math.round(maxSkew / 0.1);
      for (let i = -nSteps; i <= nSteps; i++) {
        if (i === 0) continue;
        const sc = score(i * step);
        if (sc > bestScore) {
          bestScore = sc;
          theta = i * step;
        }
      }
      if (bestScore < base * 1.05) theta = 0;
    }
    const best = rotBox(theta);
    const cs = Math.cos(theta);
    const sn = Math.sin(theta);
    const lu0 = Math.floor(best.u0);
    const lv0 = Math.floor(best.v0);
    const lw = Math.ceil(best.u1) - lu0;
    const lh = Math.ceil(best.v1) - lv0;
    /** Source cell index of local cell (iu, iv), or -1 outside the grid. */
    const src = (iu: number, iv: number): number => {
      const u = lu0 + iu + 0.5;
      const v = lv0 + iv + 0.5;
      const x = Math.floor(cx + u * cs - v * sn);
      const y = Math.floor(cy + u * sn + v * cs);
      if (x < 0 || y < 0 || x >= gw || y >= gh) return -1;
      return y * gw + x;
    };

    // row extents in the deskewed frame
    const rowMin = new Int32Array(lh).fill(-1);
    const rowMax = new Int32Array(lh).fill(-1);
    for (let iv = 0; iv < lh; iv++) {
      for (let iu = 0; iu < lw; iu++) {
        const k = src(iu, iv);
        if (k >= 0 && label[k] === root) {
          if (rowMin[iv] < 0) rowMin[iv] = iu;
          rowMax[iv] = iu;
        }
      }
    }

    // bands of constant extent
    const bands: Band[] = [];
    let cur: Band | null = null;
    let rows = 0;
    for (let iv = 0; iv < lh; iv++) {
      if (rowMin[iv] < 0) {
        cur = null;
        continue;
      }
      rows++;
      const a = rowMin[iv];
      const b = rowMax[iv];
      if (cur && Math.abs(a - cur.refMin) <= tol && Math.abs(b - cur.refMax) <= tol) {
        cur.v1 = iv + 1;
        cur.mins.push(a);
        cur.maxs.push(b);
        if (cur.mins.length <= 3) {
          // the reference is the median of the first rows, then fixed: a band must not drift
          cur.refMin = median(cur.mins);
          cur.refMax = median(cur.maxs);
        }
      } else {
        cur = { v0: iv, v1: iv + 1, mins: [a], maxs: [b], refMin: a, refMax: b };
        bands.push(cur);
      }
    }
    if (longestGradualRun(bands, minHC, tol) >= 4) continue; // a curve: letters, seals, logos
    mergeBumps(bands, tol, bumpMaxC);
    let thinRows = 0;
    for (const b of bands) if (b.v1 - b.v0 < minHC) thinRows += b.v1 - b.v0;
    if (thinRows > Math.max(2 * tol, 0.25 * rows)) continue; // curved outline: letters, logos

    for (const band of bands) {
      const bh = band.v1 - band.v0;
      if (bh < minHC) continue;
      const u0 = median(band.mins);
      const u1 = median(band.maxs) + 1;
      if (u1 - u0 < minWC) continue;
      // verify on raw counts
      let n = 0;
      let dark = 0;
      let greySum = 0;
      let fil = 0;
      for (let iv = band.v0; iv < band.v1; iv++) {
        for (let iu = u0; iu < u1; iu++) {
          const k = src(iu, iv);
          n++;
          if (k < 0) continue;
          dark += cnt[k];
          greySum += gsum[k];
          fil += filled[k];
        }
      }
      const darkRatio = dark / (n * c * c);
      const fill = fil / n;
      const darkMean = dark > 0 ? greySum / dark : 255;
      if (fill < minFill || darkRatio < minDarkRatio || darkMean > maxDarkMean) continue;

      // corners back to image cells, then pixels
      let qx0 = Infinity;
      let qy0 = Infinity;
      let qx1 = -Infinity;
      let qy1 = -Infinity;
      let quad: [number, number][] = [];
      for (const [u, v] of [
        [lu0 + u0, lv0 + band.v0],
        [lu0 + u1, lv0 + band.v0],
        [lu0 + u1, lv0 + band.v1],
        [lu0 + u0, lv0 + band.v1],
      ]) {
        const x = cx + u * cs - v * sn;
        const y = cy + u * sn + v * cs;
        quad.push([x * c, y * c]);
        qx0 = Math.min(qx0, x);
        qx1 = Math.max(qx1, x);
        qy0 = Math.min(qy0, y);
        qy1 = Math.max(qy1, y);
      }
      let px: BBox = [
        Math.max(0, Math.round(qx0 * c)),
        Math.max(0, Math.round(qy0 * c)),
        Math.min(W, Math.round(qx1 * c)),
        Math.min(H, Math.round(qy1 * c)),
      ];
      if (theta === 0) {
        px = refineEdges(img, px, T, c);
        quad = [
          [px[0], px[1]],
          [px[2], px[1]],
          [px[2], px[3]],
          [px[0], px[3]],
        ];
      }
      let g = groupOf.get(root);
      if (g === undefined) groupOf.set(root, (g = groupOf.size));
      out.push({
        bbox: [px[0] / scale, px[1] / scale, px[2] / scale, px[3] / scale],
        pxBox: px,
        darkRatio,
        fill,
        skewDeg: (theta * 180) / Math.PI,
        pxQuad: quad,
        group: g,
      });
    }
  }
  out.sort((a, b) => a.pxBox[1] - b.pxBox[1] || a.pxBox[0] - b.pxBox[0]);
  return out;
}

/** Move each edge of an axis-aligned box, by up to 1.5 cells, to where pixel lines turn dark. */
function refineEdges(img: GreyImage, box: BBox, T: number, c: number): BBox {
  const { width: W, height: H, data } = img;
  const r = Math.max(2, Math.ceil(c * 1.5));
  let [x0, y0, x1, y1] = box;
  // inner span (middle 80%) used to measure each pixel line
  const spanX0 = Math.round(x0 + (x1 - x0) * 0.1);
  const spanX1 = Math.round(x1 - (x1 - x0) * 0.1);
  const spanY0 = Math.round(y0 + (y1 - y0) * 0.1);
  const spanY1 = Math.round(y1 - (y1 - y0) * 0.1);
  const rowDark = (y: number) => {
    if (y < 0 || y >= H) return 0;
    let d = 0;
    const b = y * W;
    for (let x = spanX0; x < spanX1; x++) if (data[b + x] < T) d++;
    return d / Math.max(1, spanX1 - spanX0);
  };
  const colDark = (x: number) => {
    if (x < 0 || x >= W) return 0;
    let d = 0;
    for (let y = spanY0; y < spanY1; y++) if (data[y * W + x] < T) d++;
    return d / Math.max(1, spanY1 - spanY0);
  };
  // top: first row from above (in [y0-r, y0+r]) that is mostly dark
  for (let y = y0 - r; y <= y0 + r; y++) if (rowDark(y) >= 0.5) { y0 = Math.max(0, y); break; }
  for (let y = y1 - 1 + r; y >= y1 - 1 - r; y--) if (rowDark(y) >= 0.5) { y1 = Math.min(H, y + 1); break; }
  for (let x = x0 - r; x <= x0 + r; x++) if (colDark(x) >= 0.5) { x0 = Math.max(0, x); break; }
  for (let x = x1 - 1 + r; x >= x1 - 1 - r; x--) if (colDark(x) >= 0.5) { x1 = Math.min(W, x + 1); break; }
  return [x0, y0, x1, y1];
}
