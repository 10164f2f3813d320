/**
 * Annotation redactions: Redact annotations (marked for redaction; still unapplied while they
 * exist as annotations, so always reported) and annotations whose appearance paints a dark,
 * opaque area over the page (Square, Highlight, Ink, FreeText, Polygon, Stamp, ...).
 */
import type { FilledShape, PageAnnotation, Rgb } from '../model.js';
import { area, intersectionArea } from '../facts/geometry.js';
import { luminance } from './coverage.js';
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

export function findAnnotationRedactions(annotations: PageAnnotation[], appearanceShapes: FilledShape[]): Region[] {
  const regions: Region[] = [];
  for (const a of annotations) {
    if (IGNORED.has(a.subtype)) continue;
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
    }
  }
  return regions;
}
