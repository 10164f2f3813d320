/** Free space for overlay tags: never on ink or on another mark, nearest the box first, leader lines when apart. */
import { describe, expect, it } from 'vitest';
import { InkMap, INK_TOLERANCE, leaderLine, placeTag, type Rect } from '../../src/output/free-space.js';
import { legendFor } from '../../src/output/overlays.js';
import type { Report } from '../../src/report/schema.js';

/** A 600 x 400 white page with ink in the given rectangles. */
function page(inked: Rect[]) {
  const width = 600;
  const height = 400;
  const data = new Uint8Array(width * height).fill(255);
  for (const [x0, y0, x1, y1] of inked) for (let y = y0; y < y1; y++) data.fill(0, y * width + x0, y * width + x1);
  return new InkMap({ width, height, data });
}

describe('free space for tags', () => {
  it('counts ink in any rectangle', () => {
    const ink = page([[10, 10, 20, 20]]);
    expect(ink.inkIn([0, 0, 600, 400])).toBe(100);
    expect(ink.inkIn([15, 15, 30, 30])).toBe(25);
    expect(ink.inkIn([20, 20, 40, 40])).toBe(0);
  });

  it('puts a tag just above its box when that is blank', () => {
    const ink = page([[100, 200, 300, 215]]);
    const tag = placeTag(ink, [], [150, 200, 250, 215], 60, 15)!;
    expect(tag[3]).toBeLessThanOrEqual(200);
    expect(tag[0]).toBe(150);
    expect(leaderLine([150, 200, 250, 215], tag)).toBeUndefined();
  });

  it('finds room away from text lines, never on ink nor on another mark, with a leader line', () => {
    // a paragraph of text lines from y 50 to 350 across x 60..540, with a box in it
    const lines: Rect[] = [];
    for (let y = 50; y < 350; y += 16) lines.push([60, y, 540, y + 11]);
    const ink = page(lines);
    const box: Rect = [200, 162, 320, 173];
    const taken: Rect[] = [box, [0, 150, 58, 200]];
    const tag = placeTag(ink, taken, box, 100, 15)!;
    expect(tag).toBeDefined();
    expect(ink.inkIn(tag)).toBeLessThanOrEqual(INK_TOLERANCE);
    for (const t of taken) expect(tag[2] <= t[0] || tag[0] >= t[2] || tag[3] <= t[1] || tag[1] >= t[3]).toBe(true);
    expect(leaderLine(box, tag)).toBeDefined();
  });

  it('gives up rather than cover text when there is no room', () => {
    const ink = page([[0, 0, 600, 400]]);
    expect(placeTag(ink, [], [200, 200, 300, 210], 60, 15)).toBeUndefined();
  });

  it('the overlay legend lists the marks used on the page and only those', () => {
    const r = {
      pages: [{ page: 1, redactions: [{ source: 'raster' }, { source: 'annotation', unapplied: true }] }, { page: 2, redactions: [] }],
      leaks: [{ page: 1, bbox: [0, 0, 1, 1] }],
      sections: [{ pageStart: 2 }],
    } as unknown as Report;
    expect(legendFor(r, 1).map((i) => i.name)).toEqual(['raster', 'unapplied', 'leak']);
    expect(legendFor(r, 2).map((i) => i.name)).toEqual(['section start']);
  });
});
