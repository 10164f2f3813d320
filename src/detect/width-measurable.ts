/**
 * Width-measurable redactions: in born-digital text, a redaction whose neighbours on its line
 * keep their exact glyph positions lets anyone measure the width of the removed text to a
 * fraction of a character, and so narrow down what it was (the glyph-position attack on redacted
 * names, PoPETs 2023). Nothing is recovered here: the notice gives the measured width and the
 * estimated number of characters removed.
 */
import type { Glyph, Notice } from '../model.js';
import type { Region } from './regions.js';

/** The neighbours must stand within this many font sizes of the box. */
export const NEIGHBOUR_REACH = 1.5;
/** A box taller than this many font sizes spans lines: its width is not one gap. */
export const MAX_LINE_BOXES = 2.5;

const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;

/** The glyphs (drawn, not blank) on the box's line: their middle inside its height, their size comparable to it. */
function lineGlyphs(box: Region['bbox'], glyphs: readonly Glyph[]): Glyph[] {
  const h = box[3] - box[1];
  return glyphs.filter((g) => {
    const mid = (g.bbox[1] + g.bbox[3]) / 2;
    return mid >= box[1] && mid <= box[3] && g.fontSize * MAX_LINE_BOXES >= h && g.fontSize >= 0.3 * h;
  });
}

/** The measurable width of the text a region removed, or null when its line does not give it. `glyphs`: drawn, not blank. */
export function measureRemovedWidth(region: Region, glyphs: readonly Glyph[]): { widthPt: number; charsEstimate: number; left: string; right: string } | null {
  const box = region.bbox;
  const line = lineGlyphs(box, glyphs);
  let left: Glyph | undefined;
  let right: Glyph | undefined;
  for (const g of line) {
    if (g.bbox[2] <= box[0] + 1 && (!left || g.bbox[2] > left.bbox[2])) left = g;
    if (g.bbox[0] >= box[2] - 1 && (!right || g.bbox[0] < right.bbox[0])) right = g;
  }
  if (!left || !right) return null;
  const size = left.fontSize;
  if (Math.abs(right.fontSize - size) > 0.1 * size) return null;
  if (box[0] - left.bbox[2] > NEIGHBOUR_REACH * size || right.bbox[0] - box[2] > NEIGHBOUR_REACH * size) return null;
  const same = line.filter((g) => Math.abs(g.fontSize - size) <= 0.1 * size);
  const advance = same.reduce((s, g) => s + (g.bbox[2] - g.bbox[0]), 0) / same.length;
  if (!(advance > 0)) return null;
  const widthPt = right.bbox[0] - left.bbox[2];
  return { widthPt: round(widthPt, 2), charsEstimate: round(widthPt / advance, 1), left: wordAt(left, line, -1), right: wordAt(right, line, 1) };
}

/** The word a glyph ends (dir -1) or starts (dir 1): the glyphs touching it along the line. */
function wordAt(g: Glyph, line: readonly Glyph[], dir: -1 | 1): string {
  const sorted = [...line].sort((a, b) => a.bbox[0] - b.bbox[0]);
  let i = sorted.indexOf(g);
  const word = [g];
  for (let j = i + dir; j >= 0 && j < sorted.length && word.length < 40; j += dir) {
    const near = sorted[i];
    const next = sorted[j];
    const gap = dir < 0 ? near.bbox[0] - next.bbox[2] : next.bbox[0] - near.bbox[2];
    if (gap > 0.15 * Math.max(near.fontSize, 1)) break;
    word.push(next);
    i = j;
  }
  if (dir < 0) word.reverse();
  return word.map((x) => x.text).join('');
}

/** Notices for a page's applied redactions whose removed width can be measured. */
export function widthMeasurableNotices(page: number, regions: readonly { region: Region; id: string }[], glyphs: readonly Glyph[]): Notice[] {
  const out: Notice[] = [];
  if (!regions.length) return out;
  // the glyphs that can stand beside a box: drawn, not blank
  const inked = glyphs.filter((g) => !g.isSpace && !g.invisible && g.text.trim() !== '');
  for (const { region, id } of regions) {
    if (region.unapplied || region.source === 'raster') continue;
    const m = measureRemovedWidth(region, inked);
    if (!m) continue;
    out.push({
      kind: 'width-measurable',
      page,
      redactionId: id,
      widthPt: m.widthPt,
      charsEstimate: m.charsEstimate,
      detail: `${id}: the removed text is ${m.widthPt} pt wide between "${m.left}" and "${m.right}", about ${m.charsEstimate} characters`,
    });
  }
  return out;
}
