/**
 * Output stage: free space on a rendered page, for the overlay tags. A tag (a redaction's id and
 * label, a section title, the legend) goes where the page has no ink and no other mark, as near
 * its box as it can: above or below it, beside it, in the margins at its height, then further up
 * or down. Tags never cover text; one set apart from its box gets a leader line.
 */

/** A pixel counts as ink when darker than this (0 black .. 255 white). */
export const INK_LEVEL = 200;
/** A place is free when at most this many ink pixels fall in it (specks, anti-aliasing). */
export const INK_TOLERANCE = 2;
/** How far above and below its box a tag may go, in tag heights. */
export const SEARCH_ROWS = 12;
/** Gap between a tag and what it must not touch, pixels. */
export const TAG_GAP = 2;

export type Rect = [number, number, number, number];

/** Summed-area table of ink pixels: ink in any rectangle in constant time. */
export class InkMap {
  readonly width: number;
  readonly height: number;
  private readonly sums: Uint32Array;

  constructor(grey: { width: number; height: number; data: Uint8Array }, level = INK_LEVEL) {
    const { width, height, data } = grey;
    this.width = width;
    this.height = height;
    const w1 = width + 1;
    this.sums = new Uint32Array(w1 * (height + 1));
    for (let y = 0; y < height; y++) {
      let row = 0;
      for (let x = 0; x < width; x++) {
        row += data[y * width + x] < level ? 1 : 0;
        this.sums[(y + 1) * w1 + x + 1] = this.sums[y * w1 + x + 1] + row;
      }
    }
  }

  /** Ink pixels in [x0, x1) x [y0, y1), clamped to the page. */
  inkIn(r: Rect): number {
    const x0 = Math.max(0, Math.floor(r[0]));
    const y0 = Math.max(0, Math.floor(r[1]));
    const x1 = Math.min(this.width, Math.ceil(r[2]));
    const y1 = Math.min(this.height, Math.ceil(r[3]));
    if (x1 <= x0 || y1 <= y0) return 0;
    const w1 = this.width + 1;
    const s = this.sums;
    return s[y1 * w1 + x1] - s[y0 * w1 + x1] - s[y1 * w1 + x0] + s[y0 * w1 + x0];
  }
}

const overlaps = (a: Rect, b: Rect, gap = TAG_GAP) => a[0] < b[2] + gap && b[0] < a[2] + gap && a[1] < b[3] + gap && b[1] < a[3] + gap;

/** Candidate top-left corners for a w x h tag about `box`, nearest first. */
export function candidates(box: Rect, w: number, h: number, page: { width: number; height: number }): [number, number][] {
  const g = TAG_GAP + 1;
  const near: [number, number][] = [
    [box[0], box[1] - h - g],
    [box[0], box[3] + g],
    [box[2] + g, box[1]],
    [box[0] - w - g, box[1]],
    [box[2] - w, box[1] - h - g],
    [box[2] - w, box[3] + g],
  ];
  const out = [...near];
  const columns = [g, page.width - w - g, box[0], box[2] + g, box[0] - w - g];
  for (let k = 0; k <= SEARCH_ROWS; k++) {
    for (const sign of k ? [-1, 1] : [1]) {
      const y = box[1] + sign * k * (h + g);
      for (const x of columns) out.push([x, y]);
    }
  }
  return out;
}

/**
 * Where a w x h tag for `box` fits: inside the page, on no ink and on no taken rectangle (other
 * tags, other boxes). Undefined when there is no such place nearby.
 */
export function placeTag(ink: InkMap, taken: Rect[], box: Rect, w: number, h: number, prefer: [number, number][] = []): Rect | undefined {
  for (const [x, y] of [...prefer, ...candidates(box, w, h, ink)]) {
    const r: Rect = [Math.round(x), Math.round(y), Math.round(x) + w, Math.round(y) + h];
    if (r[0] < 0 || r[1] < 0 || r[2] > ink.width || r[3] > ink.height) continue;
    if (ink.inkIn(r) > INK_TOLERANCE) continue;
    if (taken.some((t) => overlaps(r, t))) continue;
    return r;
  }
  return undefined;
}

/** A tag set apart from its box gets a leader line: from the nearest point of the box to the tag. */
export function leaderLine(box: Rect, tag: Rect): [number, number, number, number] | undefined {
  const gapX = Math.max(0, tag[0] - box[2], box[0] - tag[2]);
  const gapY = Math.max(0, tag[1] - box[3], box[1] - tag[3]);
  if (gapX <= TAG_GAP + 2 && gapY <= TAG_GAP + 2) return undefined;
  const clamp = (v: number, a: number, b: number) => Math.max(a, Math.min(b, v));
  const tx = clamp((box[0] + box[2]) / 2, tag[0], tag[2]);
  const ty = clamp((box[1] + box[3]) / 2, tag[1], tag[3]);
  return [clamp(tx, box[0], box[2]), clamp(ty, box[1], box[3]), tx, ty];
}
