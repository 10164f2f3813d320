/**
 * Which glyphs a redaction region hides. A glyph is covered when parts of the region hide most of
 * it (>= half its area) and either are painted after it, or are painted before it while the glyph's
 * colour does not stand out from the box (black text on a black box is hidden yet extractable).
 * The exception is a stamp: a box and its text painted inside one small form XObject are one
 * object, and that text is the box's own (a date or label stamped on it), not what it hides.
 * Invisible glyphs (OCR layers, render mode 3) are covered whenever they lie under a box.
 */
import type { BBox, Glyph, Rgb, TextDirection } from '../model.js';
import { alongText, area, intersectionArea, shapeContains } from '../facts/geometry.js';

export interface RegionPart {
  bbox: BBox;
  /** Paint order; Infinity for things drawn over the page content (annotations). */
  order: number;
  color: Rgb;
  /** Form XObject instance the part was painted in (0 = page content). */
  group: number;
  /** True when that form XObject is no bigger than a stamp around this part. */
  stamp: boolean;
  /** Exact corners (points, display space) of a skewed box from a scan; bbox is their hull. */
  quad?: [number, number][];
}

/** True when (x, y) lies in the part: in its quad when it has one, else in its box. */
export const partContains: (p: RegionPart, x: number, y: number) => boolean = shapeContains;

export const COVER_SHARE = 0.5;

export function luminance(c: Rgb): number {
  return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
}

/** True when text of colour `text` cannot be seen on a box of colour `box`. */
export function lowContrast(text: Rgb, box: Rgb): boolean {
  return Math.abs(luminance(text) - luminance(box)) < 60;
}

/** Share (0..1) of the glyph's box that parts painted over it hide. */
export function hiddenShare(g: Glyph, parts: RegionPart[]): number {
  const gArea = area(g.bbox);
  let hidden = 0;
  for (const p of parts) {
    const hides = g.invisible || p.order > g.order || (lowContrast(g.color, p.color) && !(p.stamp && p.group === g.group));
    if (!hides) continue;
    if (gArea > 0) hidden += intersectionArea(g.bbox, p.bbox) / gArea;
    else {
      const cx = (g.bbox[0] + g.bbox[2]) / 2;
      const cy = (g.bbox[1] + g.bbox[3]) / 2;
      if (cx >= p.bbox[0] && cx <= p.bbox[2] && cy >= p.bbox[1] && cy <= p.bbox[3]) hidden += 1;
    }
  }
  return Math.min(1, hidden);
}

/**
 * Share (0..1) of the glyph's box that the parts cover, whatever the paint order and colours
 * (hiddenShare of an invisible glyph). 0 at once for a glyph clear of `bounds`, the parts' hull.
 */
export function coverShare(g: Glyph, parts: RegionPart[], bounds: BBox): number {
  const b = g.bbox;
  if (b[2] < bounds[0] || b[0] > bounds[2] || b[3] < bounds[1] || b[1] > bounds[3]) return 0;
  const gArea = area(b);
  let covered = 0;
  for (const p of parts) {
    if (gArea > 0) covered += intersectionArea(b, p.bbox) / gArea;
    else {
      const cx = (b[0] + b[2]) / 2;
      const cy = (b[1] + b[3]) / 2;
      if (cx >= p.bbox[0] && cx <= p.bbox[2] && cy >= p.bbox[1] && cy <= p.bbox[3]) covered += 1;
    }
  }
  return Math.min(1, covered);
}

/** Glyphs drawn on top of the parts and standing out from them: labels, or ordinary text on a dark bar. */
export function isDrawnOnTop(g: Glyph, parts: RegionPart[]): boolean {
  if (g.invisible || g.isSpace) return false;
  const gArea = Math.max(area(g.bbox), 1e-6);
  return parts.some((p) => p.order < g.order && !lowContrast(g.color, p.color) && intersectionArea(g.bbox, p.bbox) / gArea >= COVER_SHARE);
}

/**
 * Join glyphs into text in reading order: lines by vertical position, a space where the gap
 * between neighbours is wider than a fifth of the font size or a space glyph stands.
 */
export function glyphText(glyphs: Glyph[]): string {
  // read along the way the text runs (sideways and upside-down text included)
  const turns = [0, 0, 0, 0];
  for (const g of glyphs) turns[g.dir ?? 0]++;
  const d = turns.indexOf(Math.max(...turns)) as TextDirection;
  if (d !== 0) return glyphText(glyphs.map((g) => ({ ...g, bbox: alongText(g.bbox, d), dir: undefined })));
  const gs = [...glyphs].sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);
  const lines: Glyph[][] = [];
  for (const g of gs) {
    const cy = (g.bbox[1] + g.bbox[3]) / 2;
    const line = lines.find((l) => {
      const h = l[0];
      return Math.abs((h.bbox[1] + h.bbox[3]) / 2 - cy) < Math.max(2, 0.4 * h.fontSize);
    });
    if (line) line.push(g);
    else lines.push([g]);
  }
  return lines
    .map((l) => {
      l.sort((a, b) => a.bbox[0] - b.bbox[0] || a.order - b.order);
      let s = '';
      let prev: Glyph | null = null;
      for (const g of l) {
        if (prev && !g.isSpace && !prev.isSpace && g.bbox[0] - prev.bbox[2] > 0.2 * Math.max(g.fontSize, 1)) s += ' ';
        s += g.isSpace ? ' ' : g.text;
        prev = g;
      }
      return s.replace(/\s+/g, ' ').trim();
    })
    .filter(Boolean)
    .join(' ');
}
