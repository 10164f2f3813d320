/**
 * Annotation redactions: Redact annotations (marked for redaction; still unapplied while they
 * exist as annotations, so always reported) and annotations whose appearance paints a dark,
 * opaque area over the page (Square, Highlight, Ink, FreeText, Polygon, Stamp, ...).
 */
import type { FilledShape, Glyph, PageAnnotation, Rgb } from '../model.js';
import { area, intersectionArea } from '../facts/geometry.js';
import { NOT_SHOWN_FLAGS } from '../facts/hidden-appearances.js';
import { luminance } from './coverage.js';
import { coverStyle, isOpaqueLightBox, liveGlyphsUnder } from './light-covers.js';
import { boundsOf, type Region } from './regions.js';
import { DARK_LUMINANCE, isOpaqueDarkBox } from './vector-redactions.js';

const IGNORED = new Set(['Link', 'Widget', 'Popup', 'FileAttachment', 'Sound', 'Movie', 'Screen', 'PrinterMark', 'TrapNet', 'Watermark', '3D']);
/** Share of an annotation's rectangle that dark appearance paint must cover. */
export const MIN_DARK_COVER = 0.6;
/** An ink line this wide (points) is a marker that hides text; thinner ink is a pen mark. */
export const MARKER_WIDTH = 4;

function isDark(c: Rgb | undefined): boolean {
  return c !== undefined && luminance(c) <= DARK_LUMINANCE;
}

/** Annotations that may be white-out over the page: boxes and text boxes with an opaque light fill. */
const LIGHT_COVER_SUBTYPES = new Set(['Square', 'FreeText']);

/**
 * @param pageGlyphs the glyphs of the page's own content (not of annotation appearances): when
 *   given, light Square and FreeText annotations over live text are white-out redactions too
 */
export function findAnnotationRedactions(annotations: PageAnnotation[], appearanceShapes: FilledShape[], pageGlyphs?: readonly Glyph[]): Region[] {
  const regions: Region[] = [];
  for (const a of annotations) {
    if (IGNORED.has(a.subtype)) continue;
    // an annotation the viewer does not show hides nothing (a Redact mark is reported all the same)
    if ((a.flags ?? 0) & NOT_SHOWN_FLAGS && a.subtype !== 'Redact') continue;
    const parts = a.areas.map((bbox) => ({ bbox, order: Infinity, color: a.interiorColor ?? a.color ?? ([0, 0, 0] as Rgb), group: -1, stamp: false }));
    if (a.subtype === 'Redact') {
      const label = a.overlayText?.trim() || undefined;
      regions.push({ bbox: a.bbox, parts, source: 'annotation', annotation: 'Redact', unapplied: true, ...(label ? { label } : {}) });
      continue;
    }
    if (a.subtype === 'Ink' && a.strokes?.length && isDark(a.color) && a.opacity >= 0.9 && (a.borderWidth ?? 1) >= MARKER_WIDTH) {
      // a marker scribble hides what lies under its strokes, not its whole rectangle
      const strokes = a.strokes.map((bbox) => ({ bbox, order: Infinity, color: a.color!, group: -1, stamp: false }));
      regions.push({ bbox: boundsOf(strokes), parts: strokes, source: 'annotation', annotation: 'Ink' });
      continue;
    }
    const rectArea = area(a.bbox);
    if (rectArea <= 0) continue;
    const darkPaint = appearanceShapes.filter((s) => isOpaqueDarkBox(s)).reduce((sum, s) => sum + intersectionArea(s.bbox, a.bbox), 0);
    const darkByData =
      a.opacity >= 0.9 && ((a.subtype === 'Square' && isDark(a.interiorColor)) || (a.subtype === 'Highlight' && isDark(a.color)));
    if (darkPaint / rectArea >= MIN_DARK_COVER || darkByData) {
      regions.push({ bbox: a.bbox, parts, source: 'annotation', annotation: a.subtype });
    } else if (pageGlyphs && LIGHT_COVER_SUBTYPES.has(a.subtype)) {
      const fill = lightFill(a, appearanceShapes, rectArea);
      const under = fill ? liveGlyphsUnder({ bbox: a.bbox, order: Infinity, group: -1, stamp: false }, pageGlyphs) : [];
      if (fill && under.length) {
        const lightParts = a.areas.map((bbox) => ({ bbox, order: Infinity, color: fill, group: -1, stamp: false }));
        regions.push({ bbox: a.bbox, parts: lightParts, source: 'annotation', annotation: a.subtype, style: coverStyle(fill), light: true });
      }
    }
  }
  return regions;
}

/** The colour of an annotation's opaque light fill, if it has one: interior colour of a Square, or appearance paint. */
function lightFill(a: PageAnnotation, appearanceShapes: FilledShape[], rectArea: number): Rgb | undefined {
  if (a.opacity < 0.9) return undefined;
  if (a.subtype === 'Square' && a.interiorColor && !isDark(a.interiorColor)) return a.interiorColor;
  const light = appearanceShapes.filter((s) => isOpaqueLightBox(s) && intersectionArea(s.bbox, a.bbox) > 0);
  const cover = light.reduce((sum, s) => sum + intersectionArea(s.bbox, a.bbox), 0);
  return cover / rectArea >= MIN_DARK_COVER ? light[0].color : undefined;
}
