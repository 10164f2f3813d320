/**
 * Raster redactions as regions: boxes found in the rendered page image, grouped into one region
 * per redaction (the lines of a multi-line box share a group), labelled, and checked by the same
 * rules as vector boxes. A box already found as a vector or annotation redaction stays that.
 */
import type { BBox, Glyph, PageFacts } from '../model.js';
import type { RasterBox } from '../scan/raster-boxes.js';
import { area, intersectionArea } from '../facts/geometry.js';
import { COVER_SHARE, glyphText, type RegionPart } from './coverage.js';
import { canonicalExemption, isExemptionLabel } from '../scan/exemptions.js';
import { boundsOf, type Region } from './regions.js';

/** Share of a raster box that known regions must cover for it to count as already found. */
export const ALREADY_FOUND = 0.5;

/** A label read by OCR is ordinary text (a header bar in a scan) when it has two or more real words and is no label. */
export function isOrdinaryText(text: string): boolean {
  if (isExemptionLabel(text)) return false;
  return text.split(/\s+/).filter((w) => /^\p{L}{3,}[.,:;]?$/u.test(w)).length >= 2;
}

/** Text-layer glyphs (visible or invisible) lying in the region. */
function glyphsInside(parts: RegionPart[], glyphs: Glyph[]): Glyph[] {
  return glyphs.filter((g) => {
    const a = area(g.bbox);
    return a > 0 && parts.reduce((s, p) => s + intersectionArea(g.bbox, p.bbox), 0) / a >= COVER_SHARE;
  });
}

export function rasterRegions(
  boxes: RasterBox[],
  ocrLabels: (string | undefined)[],
  facts: PageFacts,
  known: Region[],
): { regions: Region[]; rejected: { region: Region; text: string }[] } {
  const groups = new Map<number, { parts: RegionPart[]; outer: { bbox: BBox }[]; label?: string; style: RasterBox['style']; inPicture: boolean; needsLabel: boolean }>();
  boxes.forEach((box, i) => {
    const covered = known.reduce((s, r) => s + r.parts.reduce((t, p) => t + intersectionArea(p.bbox, box.bbox), 0), 0);
    if (covered / Math.max(area(box.bbox), 1e-6) >= ALREADY_FOUND) return;
    // the box is painted with the image it lies in
    const order = facts.images.filter((img) => intersectionArea(img.bbox, box.bbox) > 0).reduce((m, img) => Math.max(m, img.order), -1);
    const s = box.bbox[2] > box.bbox[0] ? (box.pxBox[2] - box.pxBox[0]) / (box.bbox[2] - box.bbox[0]) : 1;
    const quad = box.pxQuad?.length === 4 ? box.pxQuad.map(([x, y]) => [x / s, y / s] as [number, number]) : undefined;
    // an outlined box hides what lies inside its lines; the lines themselves hide nothing
    const inner = box.style === 'outline' && box.labelPx ? (box.labelPx.map((v) => v / s) as BBox) : undefined;
    const part: RegionPart = { bbox: inner ?? box.bbox, order, color: [0, 0, 0], group: -1, stamp: false, ...(quad && !inner ? { quad } : {}) };
    const g = groups.get(box.group) ?? { parts: [], outer: [], style: box.style ?? 'solid', inPicture: false, needsLabel: false };
    g.outer.push({ bbox: box.bbox });
    g.inPicture ||= box.inPicture === true;
    g.needsLabel ||= box.needsLabel === true;
    g.parts.push(part);
    // the label as read: its category (the canonical code) is derived from it
    g.label ??= ocrLabels[i]?.trim() || undefined;
    groups.set(box.group, g);
  });
  const regions: Region[] = [];
  const rejected: { region: Region; text: string }[] = [];
  for (const { parts, outer, label, style, inPicture, needsLabel } of groups.values()) {
    // a box in a picture (a screenshot, a map), or an outline holding print, is a redaction only when it says so
    if ((inPicture || needsLabel) && !(label && (isExemptionLabel(label) || canonicalExemption(label)))) continue;
    const region: Region = { bbox: boundsOf(outer), parts, source: 'raster', style, ...(needsLabel ? { labelInside: true } : {}) };
    const layerText = glyphText(glyphsInside(parts, facts.glyphs).filter((g) => !g.isSpace));
    if (layerText && isExemptionLabel(layerText)) regions.push({ ...region, label: layerText });
    else if (label && isOrdinaryText(label)) rejected.push({ region, text: label });
    else regions.push(label ? { ...region, label } : region);
  }
  return { regions, rejected };
}
