/**
 * The raster grid primitives skip work on empty rows (openRect, solidCells), find runs of 0 with
 * native scans (labelRuns) and count one cell per pixel without cell arithmetic (toneGrid): each is
 * held here to a plain per-cell reference on masks with empty rows, full rows and scattered boxes.
 */
import { describe, expect, it } from 'vitest';
import { labelRuns, openRect } from '../../src/scan/raster/binary.js';
import { solidCells, toneGrid, type CellGrid } from '../../src/scan/raster/grid.js';
import { mulberry32 } from '../../scripts/prng.js';

/** A sparse mask: a few filled rectangles, some speckle, some full rows, many empty rows. */
function sparseMask(gw: number, gh: number, seed: number): Uint8Array {
  const rnd = mulberry32(seed);
  const m = new Uint8Array(gw * gh);
  for (let k = 0; k < 12; k++) {
    const x0 = Math.floor(rnd() * gw), y0 = Math.floor(rnd() * gh);
    const w = 1 + Math.floor(rnd() * 30), h = 1 + Math.floor(rnd() * 20);
    for (let y = y0; y < Math.min(gh, y0 + h); y++) m.fill(1, y * gw + x0, y * gw + Math.min(gw, x0 + w));
  }
  for (let k = 0; k < 200; k++) m[Math.floor(rnd() * gw * gh)] = 1;
  const full = Math.floor(rnd() * gh);
  m.fill(1, full * gw, full * gw + gw);
  return m;
}

/** Opening by a sw x sh rectangle, cell by cell: a cell stays when some sw x sh all-ones rectangle holds it. */
function naiveOpen(f: Uint8Array, gw: number, gh: number, sw: number, sh: number): Uint8Array {
  const fits = (x0: number, y0: number) => {
    if (x0 < 0 || y0 < 0 || x0 + sw > gw || y0 + sh > gh) return false;
    for (let y = y0; y < y0 + sh; y++) for (let x = x0; x < x0 + sw; x++) if (!f[y * gw + x]) return false;
    return true;
  };
  const out = new Uint8Array(gw * gh);
  for (let y = 0; y < gh; y++) for (let x = 0; x < gw; x++) {
    search: for (let y0 = y - sh + 1; y0 <= y; y0++) for (let x0 = x - sw + 1; x0 <= x; x0++) if (fits(x0, y0)) {
      out[y * gw + x] = 1;
      break search;
    }
  }
  return out;
}

/** Runs of `want` per row, and which runs share a 4-connected component, by flood fill. */
function naiveRuns(mask: Uint8Array, gw: number, gh: number, want: 0 | 1): { runs: string[]; groups: string[] } {
  const comp = new Int32Array(gw * gh).fill(-1);
  let next = 0;
  for (let i = 0; i < gw * gh; i++) {
    if (mask[i] !== want || comp[i] >= 0) continue;
    const stack = [i];
    comp[i] = next;
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % gw, y = (p / gw) | 0;
      for (const q of [x > 0 ? p - 1 : -1, x + 1 < gw ? p + 1 : -1, y > 0 ? p - gw : -1, y + 1 < gh ? p + gw : -1]) {
        if (q >= 0 && mask[q] === want && comp[q] < 0) {
          comp[q] = next;
          stack.push(q);
        }
      }
    }
    next++;
  }
  const runs: string[] = [];
  const byComp = new Map<number, string[]>();
  for (let y = 0; y < gh; y++) {
    let x = 0;
    while (x < gw) {
      if (mask[y * gw + x] !== want) {
        x++;
        continue;
      }
      const s = x;
      while (x < gw && mask[y * gw + x] === want) x++;
      const r = `${y}:${s}-${x}`;
      runs.push(r);
      const c = comp[y * gw + s];
      byComp.set(c, [...(byComp.get(c) ?? []), r]);
    }
  }
  return { runs, groups: [...byComp.values()].map((g) => g.join(' ')).sort() };
}

function runsOf(mask: Uint8Array, gw: number, gh: number, want: 0 | 1): { runs: string[]; groups: string[] } {
  const r = labelRuns(mask, gw, gh, want);
  const runs: string[] = [];
  const byRoot = new Map<number, string[]>();
  for (let i = 0; i < r.n; i++) {
    const s = `${r.y[i]}:${r.x0[i]}-${r.x1[i]}`;
    runs.push(s);
    byRoot.set(r.root[i], [...(byRoot.get(r.root[i]) ?? []), s]);
  }
  return { runs, groups: [...byRoot.values()].map((g) => g.join(' ')).sort() };
}

describe('raster grid primitives against per-cell references', () => {
  const shapes: [number, number, number][] = [[97, 61, 1], [40, 120, 2], [1, 30, 3], [64, 1, 4], [150, 90, 5]];

  it('openRect equals the opening by a rectangle, empty rows skipped or not', () => {
    for (const [gw, gh, seed] of shapes) {
      const f = sparseMask(gw, gh, seed);
      for (const [sw, sh] of [[2, 2], [5, 3], [3, 8]]) expect(openRect(f, gw, gh, sw, sh)).toEqual(naiveOpen(f, gw, gh, sw, sh));
    }
    expect(openRect(new Uint8Array(50 * 40), 50, 40, 4, 4).indexOf(1)).toBe(-1);
  });

  it('labelRuns finds the runs of 0 and of 1 and their components', () => {
    for (const [gw, gh, seed] of shapes) {
      const m = sparseMask(gw, gh, seed);
      for (const want of [0, 1] as const) expect(runsOf(m, gw, gh, want)).toEqual(naiveRuns(m, gw, gh, want));
    }
  });

  it('solidCells: a cell is solid when its 3x3 window holds at least half dark pixels', () => {
    for (const [gw, gh, seed] of shapes) {
      const rnd = mulberry32(seed);
      const c = 2;
      const cnt = new Uint16Array(gw * gh);
      const m = sparseMask(gw, gh, seed + 10);
      for (let i = 0; i < cnt.length; i++) cnt[i] = m[i] ? Math.floor(rnd() * 5) : 0;
      const grid: CellGrid = { c, cellPt: 0.5, gw, gh, cnt, gsum: new Uint32Array(gw * gh), T: 128 };
      const want = new Uint8Array(gw * gh);
      for (let y = 0; y < gh; y++) for (let x = 0; x < gw; x++) {
        let s = 0;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx, yy = y + dy;
          if (xx >= 0 && yy >= 0 && xx < gw && yy < gh) s += cnt[yy * gw + xx];
        }
        if (s >= 9 * c * c * 0.5) want[y * gw + x] = 1;
      }
      expect(solidCells(grid)).toEqual(want);
    }
  });

  it('toneGrid with one cell per pixel counts each pixel in [lo, hi) and sums its grey', () => {
    const rnd = mulberry32(7);
    const W = 37, H = 23;
    const data = Uint8Array.from({ length: W * H }, () => Math.floor(rnd() * 256));
    const g = toneGrid({ width: W, height: H, data, scale: 1.2 }, 60, 200);
    expect(g.c).toBe(1);
    for (let i = 0; i < W * H; i++) {
      const inside = data[i] >= 60 && data[i] < 200;
      expect([g.cnt[i], g.gsum[i]]).toEqual(inside ? [1, data[i]] : [0, 0]);
    }
  });
});
