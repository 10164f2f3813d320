/**
 * Two-column pages: find a clear vertical gutter and read the rows column by column.
 *
 * A gutter is a vertical strip at least MIN_GUTTER points wide in the middle 30-70 % of the page
 * that (almost) no box crosses, within the body band (top and bottom 8 % ignored), with at least
 * a fifth of the boxes on each side and the two sides covering overlapping heights. Single-column
 * text crosses the middle on nearly every line, so it never shows one.
 */
import type { BBox } from '../model.js';

export interface Gutter {
  x0: number;
  x1: number;
}

const MIN_GUTTER = 10;
const MIN_BOXES = 30;

export function findGutter(boxes: readonly BBox[], width: number, height: number): Gutter | null {
  if (!(width > 0) || !(height > 0)) return null;
  const body = boxes.filter((b) => {
    const cy = (b[1] + b[3]) / 2;
    return cy > 0.08 * height && cy < 0.92 * height;
  });
  if (body.length < MIN_BOXES) return null;

  const from = Math.floor(0.3 * width);
  const to = Math.ceil(0.7 * width);
  const crossings = new Array<number>(to - from + 1).fill(0);
  for (const b of body) {
    const a = Math.max(from, Math.ceil(b[0]));
    const z = Math.min(to, Math.floor(b[2]));
    for (let x = a; x <= z; x++) crossings[x - from]++;
  }
  const allowance = Math.floor(body.length * 0.02);

  let best: Gutter | null = null;
  let runStart = -1;
  for (let i = 0; i <= crossings.length; i++) {
    const clear = i < crossings.length && crossings[i] <= allowance;
    if (clear && runStart < 0) runStart = i;
    if (!clear && runStart >= 0) {
      const g = { x0: from + runStart, x1: from + i - 1 };
      if (!best || g.x1 - g.x0 > best.x1 - best.x0) best = g;
      runStart = -1;
    }
  }
  if (!best || best.x1 - best.x0 < MIN_GUTTER) return null;

  const left = body.filter((b) => b[2] <= best.x0 + 1);
  const right = body.filter((b) => b[0] >= best.x1 - 1);
  if (left.length < body.length * 0.2 || right.length < body.length * 0.2) return null;
  const span = (bs: BBox[]): [number, number] => [
    Math.min(...bs.map((b) => b[1])),
    Math.max(...bs.map((b) => b[3])),
  ];
  const [l0, l1] = span(left);
  const [r0, r1] = span(right);
  const shared = Math.min(l1, r1) - Math.max(l0, r0);
  if (shared < 0.5 * Math.min(l1 - l0, r1 - r0)) return null;
  return best;
}

export interface ColumnPart<T> {
  tokens: T[];
  region: 'full' | 'left' | 'right';
}

/**
 * Reads rows (already top to bottom) column by column. A row with a token crossing the gutter's
 * middle spans both columns and separates blocks; between such rows, the left halves are read
 * first, then the right halves, each in its own top-to-bottom order.
 */
export function readColumns<T extends { bbox: BBox }>(rows: readonly T[][], gutter: Gutter): ColumnPart<T>[] {
  const mid = (gutter.x0 + gutter.x1) / 2;
  const out: ColumnPart<T>[] = [];
  let left: T[][] = [];
  let right: T[][] = [];
  const top = (tokens: T[]): number => Math.min(...tokens.map((t) => t.bbox[1]));
  const flush = (): void => {
    for (const tokens of left.sort((a, b) => top(a) - top(b))) out.push({ tokens, region: 'left' });
    for (const tokens of right.sort((a, b) => top(a) - top(b))) out.push({ tokens, region: 'right' });
    left = [];
    right = [];
  };
  for (const row of rows) {
    if (row.some((t) => t.bbox[0] < mid && t.bbox[2] > mid)) {
      flush();
      out.push({ tokens: row, region: 'full' });
      continue;
    }
    const l = row.filter((t) => (t.bbox[0] + t.bbox[2]) / 2 < mid);
    const r = row.filter((t) => (t.bbox[0] + t.bbox[2]) / 2 >= mid);
    if (l.length > 0) left.push(l);
    if (r.length > 0) right.push(r);
  }
  flush();
  return out;
}
