/** Area overlap measures between sets of boxes (for precision/recall against ground truth). */
import type { BBox } from '../../src/model.js';

/** Area covered by the union of boxes, computed on a 0.5 pt grid per page. */
export function unionArea(boxes: BBox[], cell = 0.5): number {
  return maskOf(boxes, cell).count * cell * cell;
}

function maskOf(boxes: BBox[], cell: number) {
  const set = new Set<number>();
  for (const b of boxes) {
    for (let x = Math.floor(b[0] / cell); x < Math.ceil(b[2] / cell); x++)
      for (let y = Math.floor(b[1] / cell); y < Math.ceil(b[3] / cell); y++) set.add(x * 100000 + y);
  }
  return { set, count: set.size };
}

/** Area precision and recall of `found` against `truth` (same page). */
export function areaPrecisionRecall(found: BBox[], truth: BBox[], cell = 0.5): { precision: number; recall: number; inter: number } {
  const f = maskOf(found, cell).set;
  const t = maskOf(truth, cell).set;
  let inter = 0;
  for (const k of f) if (t.has(k)) inter++;
  return { precision: f.size ? inter / f.size : t.size ? 0 : 1, recall: t.size ? inter / t.size : 1, inter: inter * cell * cell };
}

export function iou(a: BBox, b: BBox): number {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const i = ix * iy;
  const u = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - i;
  return u > 0 ? i / u : 0;
}
