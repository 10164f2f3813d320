/**
 * White-out: an opaque box of any colour that is not dark (dark ones are vector redactions),
 * painted over live text. It hides the text on screen; the text stays extractable. Such a box is a
 * redaction (style `white` in the page colour, else `solid`) only when it covers text painted
 * before it: a white box with nothing under it is page background, not a redaction. Text drawn on
 * top of it (a visible replacement) stays readable and does not make it safe.
 */
import type { BBox, FilledShape, Glyph, RedactionStyle } from '../model.js';
import { area, height, intersectionArea, width } from '../facts/geometry.js';
import { COVER_SHARE, luminance, type RegionPart } from './coverage.js';
import { boundsOf, mergeTouching, type Region } from './regions.js';
import { classifyTextOnTop, DARK_LUMINANCE, MIN_AREA, MIN_FILL, MIN_OPACITY, MIN_SIDE, STAMP_AREA_FACTOR, textOnTop } from './vector-redactions.js';

/** A cover at least this light (luminance 0..255) is white: the page's own colour. */
export const WHITE_LUMINANCE = 230;

/** Rule: an opaque, solid, known-colour shape that is not dark and is big enough to hide text. */
export function isOpaqueLightBox(s: FilledShape): boolean {
  return (
    !s.unknownPaint &&
    luminance(s.color) > DARK_LUMINANCE &&
    s.alpha >= MIN_OPACITY &&
    s.fillRatio >= MIN_FILL &&
    Math.min(width(s.bbox), height(s.bbox)) >= MIN_SIDE &&
    area(s.bbox) >= MIN_AREA
  );
}

/** Live glyphs (visible, not blank) a part painted after them covers, at least half of each. */
export function liveGlyphsUnder(part: Pick<RegionPart, 'bbox' | 'order' | 'group' | 'stamp'>, glyphs: readonly Glyph[]): Glyph[] {
  const [x0, y0, x1, y1] = part.bbox;
  return glyphs.filter((g) => {
    if (g.invisible || g.isSpace || g.order >= part.order || !/[\p{L}\p{N}]/u.test(g.text)) return false;
    if (g.bbox[2] <= x0 || g.bbox[0] >= x1 || g.bbox[3] <= y0 || g.bbox[1] >= y1) return false;
    if (part.stamp && part.group === g.group) return false; // a stamp's own text
    const a = area(g.bbox);
    return a > 0 && intersectionArea(g.bbox, part.bbox) / a >= COVER_SHARE;
  });
}

export function coverStyle(color: [number, number, number]): RedactionStyle {
  return luminance(color) >= WHITE_LUMINANCE ? 'white' : 'solid';
}

/** Light vector boxes painted over live text, merged when they touch, as redaction regions. */
export function findLightCovers(shapes: readonly FilledShape[], glyphs: readonly Glyph[], groupBoxes: readonly BBox[] = []): Region[] {
  const parts: RegionPart[] = [];
  // a shape painted before every glyph is a background: it covers nothing
  const firstGlyph = glyphs.reduce((m, g) => Math.min(m, g.order), Infinity);
  for (const s of shapes) {
    if (s.order < firstGlyph || !isOpaqueLightBox(s)) continue;
    const stamp = s.group !== 0 && groupBoxes[s.group] !== undefined && area(groupBoxes[s.group]) <= STAMP_AREA_FACTOR * area(s.bbox);
    const part: RegionPart = { bbox: s.bbox, order: s.order, color: s.color, group: s.group, stamp };
    if (liveGlyphsUnder(part, glyphs).length) parts.push(part);
  }
  return mergeTouching(parts).map((group) => {
    const verdict = classifyTextOnTop(textOnTop(group, [...glyphs]));
    return {
      bbox: boundsOf(group),
      parts: group,
      source: 'vector',
      style: coverStyle(group[0].color),
      light: true,
      ...(verdict.kind === 'label' ? { label: verdict.label } : {}),
    } satisfies Region;
  });
}
