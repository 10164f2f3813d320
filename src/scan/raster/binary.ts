/**
 * Binary-grid helpers shared by the raster stages: run labelling with union-find, "does a k x k
 * square of zeros start here", and morphological opening by a rectangle. All typed arrays.
 */

/** Horizontal runs of cells equal to `want` in a binary grid, with 4-connected components. */
export interface Runs {
  n: number;
  y: Int32Array;
  x0: Int32Array;
  /** Exclusive end. */
  x1: Int32Array;
  /** Root run index of each run's component. */
  root: Int32Array;
}

/** Runs of `want` in a binary grid (every cell 0 or 1), labelled into 4-connected components. */
export function labelRuns(mask: Uint8Array, gw: number, gh: number, want: 0 | 1): Runs {
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
  const grow = (a: Int32Array) => {
    const b = new Int32Array(cap);
    b.set(a);
    return b;
  };
  let prevStart = 0;
  let prevEnd = 0;
  for (let y = 0; y < gh; y++) {
    const rowStart = n;
    const base = y * gw;
    const row = want === 0 ? mask.subarray(base, base + gw) : mask;
    let x = 0;
    while (x < gw) {
      let s: number;
      if (want === 0) {
        // runs of 0 are paper, mostly whole rows: native scans (1.6x faster on the sample's pages);
        // runs of 1 are ink, short: a plain loop is faster than a native call per run
        s = row.indexOf(0, x);
        if (s < 0) break;
        x = row.indexOf(1, s);
        if (x < 0) x = gw;
      } else {
        while (x < gw && mask[base + x] !== 1) x++;
        if (x >= gw) break;
        s = x;
        while (x < gw && mask[base + x] === 1) x++;
      }
      if (n === cap) {
        cap *= 2;
        [ys, x0s, x1s, parent] = [grow(ys), grow(x0s), grow(x1s), grow(parent)];
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
      for (let k = j; k < prevEnd && x0s[k] < x1s[i]; k++) {
        const a = find(i);
        const b = find(k);
        if (a !== b) {
          if (a < b) parent[b] = a;
          else parent[a] = b;
        }
      }
    }
    prevStart = rowStart;
    prevEnd = n;
  }
  const root = new Int32Array(n);
  for (let i = 0; i < n; i++) root[i] = find(i);
  return { n, y: ys, x0: x0s, x1: x1s, root };
}

/** Run indices grouped by component root. */
export function componentsOf(runs: Runs): Map<number, number[]> {
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < runs.n; i++) {
    const k = runs.root[i];
    const a = byRoot.get(k);
    if (a) a.push(i);
    else byRoot.set(k, [i]);
  }
  return byRoot;
}

/** Cells (of value 0) that are the top-left corner of a k x k square of zeros. */
export function squareFits(mask: Uint8Array, gw: number, gh: number, k: number): Uint8Array {
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

/** Whether row y of a binary grid holds a 1 (a native scan: most rows of a page's masks are empty). */
function rowHasOne(f: Uint8Array, gw: number, y: number): boolean {
  return f.subarray(y * gw, (y + 1) * gw).indexOf(1) >= 0;
}

/**
 * Morphological opening of a binary grid by a sw x sh rectangle (a new array). Rows that cannot
 * hold a 1 at a step (no 1 in the rows it depends on) are skipped: a page's masks are mostly empty.
 */
export function openRect(f: Uint8Array, gw: number, gh: number, sw: number, sh: number): Uint8Array {
  const n = gw * gh;
  // H: a horizontal run of >= sw ones starts here
  const hfit = new Uint8Array(n);
  const hRow = new Uint8Array(gh);
  for (let y = 0; y < gh; y++) {
    if (!rowHasOne(f, gw, y)) continue;
    const base = y * gw;
    let run = 0;
    for (let x = gw - 1; x >= 0; x--) {
      run = f[base + x] ? run + 1 : 0;
      if (run >= sw) {
        hfit[base + x] = 1;
        hRow[y] = 1;
      }
    }
  }
  // E: a full sw x sh rectangle has its top-left corner here
  const down = new Uint16Array(gw);
  let downClear = true;
  const e = new Uint8Array(n);
  const eRow = new Uint8Array(gh);
  for (let y = gh - 1; y >= 0; y--) {
    if (!hRow[y]) {
      if (!downClear) down.fill(0);
      downClear = true;
      continue;
    }
    downClear = false;
    const base = y * gw;
    for (let x = 0; x < gw; x++) {
      const v = hfit[base + x] ? Math.min(65535, down[x] + 1) : 0;
      down[x] = v;
      if (v >= sh) {
        e[base + x] = 1;
        eRow[y] = 1;
      }
    }
  }
  // dilate E towards +y by sh, then towards +x by sw
  const cov = new Uint16Array(gw);
  const v = hfit; // reuse
  v.fill(0);
  const vRow = hRow; // reuse
  vRow.fill(0);
  let lastE = -Infinity;
  let covClear = true;
  for (let y = 0; y < gh; y++) {
    if (eRow[y]) lastE = y;
    if (y - lastE >= sh) {
      // no corner within sh rows above: nothing covers this row
      if (!covClear) cov.fill(0);
      covClear = true;
      continue;
    }
    covClear = false;
    vRow[y] = 1;
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
    if (!vRow[y]) continue;
    const base = y * gw;
    let c = 0;
    for (let x = 0; x < gw; x++) {
      c = v[base + x] ? sw : c > 0 ? c - 1 : 0;
      if (c > 0) out[base + x] = 1;
    }
  }
  return out;
}

export function median(a: ArrayLike<number>): number {
  const s = Array.from(a).sort((p, q) => p - q);
  return s[s.length >> 1];
}
