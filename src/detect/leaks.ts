/**
 * Leaks: text still extractable under a redaction. Works per character: a glyph counts when the
 * region hides most of it (see coverage.ts). Whitespace-only and label-only cover is not a leak.
 * Under an unapplied Redact annotation all text is a leak, whatever the paint order.
 */
import type { Glyph, Leak, LeakKind } from '../model.js';
import { COVER_SHARE, glyphText, hiddenShare } from './coverage.js';
import { isExemptionLabel } from '../scan/exemptions.js';
import type { Region } from './regions.js';

export interface RegionCover {
  /** Glyphs the region hides (or, for an unapplied annotation, marks). */
  covered: Glyph[];
  text: string;
}

export function coveredGlyphs(region: Region, glyphs: Glyph[]): Glyph[] {
  const [x0, y0, x1, y1] = region.bbox;
  const parts = region.unapplied ? region.parts.map((p) => ({ ...p, order: Infinity, color: [0, 0, 0] as [number, number, number] })) : region.parts;
  return glyphs.filter((g) => {
    if (g.bbox[2] <= x0 || g.bbox[0] >= x1 || g.bbox[3] <= y0 || g.bbox[1] >= y1) return false;
    return hiddenShare(g, parts) >= COVER_SHARE;
  });
}

/**
 * True when OCR text reads as language rather than an OCR engine's reading of a black box:
 * at least one token of 2+ letters, mostly letters, with a vowel, and no letter run 3+ long.
 */
export function readsAsText(text: string): boolean {
  return text.split(/\s+/).some((t) => {
    const letters = t.replace(/[^\p{L}]/gu, '');
    return letters.length >= 2 && letters.length / t.length >= 0.7 && /[aeiouy]/i.test(letters) && !/(\p{L})\1\1/u.test(letters);
  });
}

/** The leak a region causes, if any. */
export function leakOf(region: Region, regionId: string, page: number, glyphs: Glyph[]): Leak | null {
  const covered = coveredGlyphs(region, glyphs);
  const text = glyphText(covered);
  if (!/[\p{L}\p{N}]/u.test(text)) return null;
  if (isExemptionLabel(text)) return null;
  // an invisible OCR layer under a box holds what the OCR engine made of the box: debris is no leak
  if (covered.every((g) => g.invisible) && !readsAsText(text)) return null;
  if (region.label && text.replace(/\s+/g, ' ').trim() === region.label.replace(/\s+/g, ' ').trim()) return null;
  const kind: LeakKind = region.unapplied ? 'unapplied-annotation' : 'text-under-box';
  return { page, bbox: region.bbox, kind, text, redactionId: regionId };
}
