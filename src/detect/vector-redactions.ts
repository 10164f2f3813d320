/**
 * Vector redactions: filled paths that are dark, opaque and big enough to hide text, merged when
 * they touch. A dark region that carries ordinary, legible text drawn on top of it (a form's
 * black section-header bar, a dark page background) is not a redaction; one whose only text on
 * top is an exemption label is, and the label is kept.
 */
import type { BBox, FilledShape, Glyph } from '../model.js';
import { area, height, width } from '../facts/geometry.js';
import { glyphText, isDrawnOnTop, luminance, type RegionPart } from './coverage.js';
import { isExemptionLabel } from '../scan/exemptions.js';
import { boundsOf, distinctBoxes, mergeTouching, type Region } from './regions.js';

export const DARK_LUMINANCE = 80; // of 255
export const MIN_OPACITY = 0.9;
export const MIN_SIDE = 4; // points: thinner shapes are rules and lines
export const MIN_AREA = 40; // points²: smaller shapes are bullets and dots
export const MIN_FILL = 0.85; // share of its bbox the shape actually paints

/** Rule: one filled shape could hide text. */
export function isOpaqueDarkBox(s: FilledShape): boolean {
  return (
    luminance(s.color) <= DARK_LUMINANCE &&
    s.alpha >= MIN_OPACITY &&
    s.fillRatio >= MIN_FILL &&
    Math.min(width(s.bbox), height(s.bbox)) >= MIN_SIDE &&
    area(s.bbox) >= MIN_AREA
  );
}

export interface RejectedRegion {
  region: Region;
  reason: 'text-on-top';
  text: string;
}

/** Glyphs painted on top of a region that stand out from it. */
export function textOnTop(parts: RegionPart[], glyphs: Glyph[]): Glyph[] {
  const [x0, y0, x1, y1] = boundsOf(parts);
  return glyphs.filter((g) => g.bbox[2] > x0 && g.bbox[0] < x1 && g.bbox[3] > y0 && g.bbox[1] < y1 && isDrawnOnTop(g, parts));
}

/**
 * Decide what a dark region is from the text drawn on top of it:
 * none → redaction; only an exemption label → labelled redaction; anything else → not a redaction.
 */
export function classifyTextOnTop(onTop: Glyph[]): { kind: 'none' } | { kind: 'label'; label: string } | { kind: 'text'; text: string } {
  const text = glyphText(onTop);
  if (!/[\p{L}\p{N}]/u.test(text)) return { kind: 'none' };
  if (isExemptionLabel(text)) return { kind: 'label', label: text };
  return { kind: 'text', text };
}

/** A form XObject no more than this many times a box's area, holding the box, is a stamp. */
export const STAMP_AREA_FACTOR = 2.5;

export interface VectorRedactions {
  regions: Region[];
  rejected: RejectedRegion[];
  /** Distinct dark boxes, when over `maxBoxes`: none were judged (the page is left unread). */
  overLimit?: number;
}

export function findVectorRedactions(shapes: FilledShape[], glyphs: Glyph[], groupBoxes: BBox[] = [], maxBoxes = Infinity): VectorRedactions {
  const parts: RegionPart[] = shapes.filter(isOpaqueDarkBox).map((s) => ({
    bbox: s.bbox,
    order: s.order,
    color: s.color,
    group: s.group,
    stamp: s.group !== 0 && groupBoxes[s.group] !== undefined && area(groupBoxes[s.group]) <= STAMP_AREA_FACTOR * area(s.bbox),
  }));
  const regions: Region[] = [];
  const rejected: RejectedRegion[] = [];
  const distinct = parts.length > maxBoxes ? distinctBoxes(parts) : 0;
  if (distinct > maxBoxes) return { regions, rejected, overLimit: distinct };
  for (const group of mergeTouching(parts)) {
    const region: Region = { bbox: boundsOf(group), parts: group, source: 'vector' };
    const verdict = classifyTextOnTop(textOnTop(group, glyphs));
    if (verdict.kind === 'text') rejected.push({ region, reason: 'text-on-top', text: verdict.text });
    else regions.push(verdict.kind === 'label' ? { ...region, label: verdict.label } : region);
  }
  return { regions, rejected };
}
