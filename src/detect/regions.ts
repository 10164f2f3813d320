/**
 * A redaction region before it gets an id: one or more painted parts merged into one box,
 * plus where it came from and what is printed on it.
 */
import type { BBox, RedactionSource, RedactionStyle } from '../model.js';
import { touches, union } from '../facts/geometry.js';
import type { RegionPart } from './coverage.js';

export interface Region {
  bbox: BBox;
  parts: RegionPart[];
  source: RedactionSource;
  /** How it looks (default solid). */
  style?: RedactionStyle;
  label?: string;
  /**
   * The box holds nothing but its printed label: an outlined or tinted raster box, a redaction
   * only because the one line of print inside it reads as an exemption code.
   */
  labelInside?: boolean;
  annotation?: string;
  unapplied?: boolean;
  /** A light (white-out) cover: it hides only what it covers, not text drawn on top of it. */
  light?: true;
}

/** Gap (points) under which two boxes count as touching and merge into one region. */
export const MERGE_GAP = 1.0;

/**
 * Merge parts whose boxes touch (transitively) into regions. Iterative union-find (input controls
 * how many boxes there are: 12,000 identical ones must not overflow the stack), and identical boxes
 * are joined at once rather than compared pairwise with everything they touch.
 */
export function mergeTouching(parts: RegionPart[], gap = MERGE_GAP): RegionPart[][] {
  const parent = parts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const join = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[ra] = rb;
  };
  const firstOf = new Map<string, number>();
  const distinct: number[] = [];
  parts.forEach((p, i) => {
    const key = p.bbox.join(',');
    const first = firstOf.get(key);
    if (first === undefined) {
      firstOf.set(key, i);
      distinct.push(i);
    } else join(i, first);
  });
  const order = distinct.sort((a, b) => parts[a].bbox[1] - parts[b].bbox[1]);
  for (let k = 0; k < order.length; k++) {
    const a = parts[order[k]];
    for (let l = k + 1; l < order.length; l++) {
      const b = parts[order[l]];
      if (b.bbox[1] > a.bbox[3] + gap) break;
      if (touches(a.bbox, b.bbox, gap)) join(order[k], order[l]);
    }
  }
  const groups = new Map<number, RegionPart[]>();
  parts.forEach((p, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(p);
    else groups.set(r, [p]);
  });
  return [...groups.values()];
}

/** Boxes among `parts` with distinct coordinates. */
export function distinctBoxes(parts: { bbox: BBox }[]): number {
  return new Set(parts.map((p) => p.bbox.join(','))).size;
}

export function boundsOf(parts: { bbox: BBox }[]): BBox {
  return parts.map((p) => p.bbox).reduce(union);
}

/** Regions in reading order: top to bottom, then left to right. */
export function sortRegions<T extends { bbox: BBox }>(regions: T[]): T[] {
  return [...regions].sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
}
