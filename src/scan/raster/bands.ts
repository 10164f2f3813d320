/**
 * Row bands of a dark region in its deskewed frame: runs of rows of constant extent. A plain box is
 * one band, a multi-line redaction a staircase of bands; a curved outline (bold letters, seals,
 * logos) is many thin bands whose edges move steadily one way.
 */
import { median } from './binary.js';

export interface Band {
  v0: number;
  /** Exclusive end row. */
  v1: number;
  mins: number[];
  maxs: number[];
  refMin: number;
  refMax: number;
  /** Made by mergeBumps. */
  merged?: boolean;
}

/** Cut rows (first and last cell of each row, -1 for an empty row) into bands of constant extent (within tol). */
export function rowBands(rowMin: Int32Array, rowMax: Int32Array, tol: number): { bands: Band[]; rows: number } {
  const bands: Band[] = [];
  let cur: Band | null = null;
  let rows = 0;
  for (let iv = 0; iv < rowMin.length; iv++) {
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
  return { bands, rows };
}

/**
 * Longest run of consecutive thin bands whose edges move steadily one way (each edge only
 * outwards, or only inwards): the outline of a curve or slope (bold letters, seals, logos),
 * unlike letters touching a box, which widen it and then return.
 */
export function longestGradualRun(bands: Band[], minH: number, tol: number): number {
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

const extentOf = (b: Band) => [median(b.mins), median(b.maxs)];

/** Replace bands i..j by one band with the extent of `core` (rows of other extents take core's). */
function fold(bands: Band[], i: number, j: number, core: Band, tol: number): void {
  const [a, b] = extentOf(core);
  const merged: Band = { v0: bands[i].v0, v1: bands[j].v1, mins: [], maxs: [], refMin: a, refMax: b, merged: true };
  for (let k = i; k <= j; k++) {
    const e = extentOf(bands[k]);
    const same = bands[k] === core || (Math.abs(e[0] - a) <= tol && Math.abs(e[1] - b) <= tol);
    for (let r = 0; r < bands[k].mins.length; r++) {
      merged.mins.push(same ? bands[k].mins[r] : a);
      merged.maxs.push(same ? bands[k].maxs[r] : b);
    }
  }
  bands.splice(i, j - i + 1, merged);
}

/** Fold "core, bumps..., core" (bands wider than the core for less than bumpMax rows) once; true when done. */
function foldInnerBump(bands: Band[], tol: number, bumpMax: number): boolean {
  const covers = (x: number[], a: number[]) => x[0] <= a[0] + tol && x[1] >= a[1] - tol;
  for (let i = 0; i < bands.length; i++) {
    const a = extentOf(bands[i]);
    let h = 0;
    for (let j = i + 1; j < bands.length; j++) {
      if (bands[j].v0 !== bands[j - 1].v1) break;
      const x = extentOf(bands[j]);
      if (Math.abs(x[0] - a[0]) <= tol && Math.abs(x[1] - a[1]) <= tol) {
        if (j > i + 1) {
          fold(bands, i, j, bands[i], tol);
          return true;
        }
        break;
      }
      h += bands[j].v1 - bands[j].v0;
      if (h > bumpMax || !covers(x, a)) break;
    }
  }
  return false;
}

/**
 * Letters touching a box's side make a few rows wider than the box ("bumps"). Bands that are
 * wider than the bands around them, for less than bumpMax rows, and that return to the same
 * extent afterwards (or sit at either end), are folded into the box's band with its extent.
 */
export function mergeBumps(bands: Band[], tol: number, bumpMax: number): void {
  const covers = (x: number[], a: number[]) => x[0] <= a[0] + tol && x[1] >= a[1] - tol;
  const fits = (x: Band, core: Band) => !x.merged && x.v1 - x.v0 <= bumpMax && covers(extentOf(x), extentOf(core));
  for (;;) {
    if (foldInnerBump(bands, tol, bumpMax)) continue;
    if (bands.length < 2) return;
    // one bump band at the top or bottom end (a gradual widening over several bands is a curve)
    const n = bands.length;
    if (bands[1].v0 === bands[0].v1 && fits(bands[0], bands[1])) fold(bands, 0, 1, bands[1], tol);
    else if (bands[n - 1].v0 === bands[n - 2].v1 && fits(bands[n - 1], bands[n - 2])) fold(bands, n - 2, n - 1, bands[n - 2], tol);
    else return;
  }
}
