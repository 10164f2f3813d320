/**
 * All detections for one page, from its facts: redaction regions with ids, leaks, and the words a
 * reader can still see.
 */
import type { FilledShape, Glyph, Leak, PageFacts, Redaction, Word } from '../model.js';
import { roundBox } from '../facts/geometry.js';
import { findAnnotationRedactions } from './annotation-redactions.js';
import { COVER_SHARE, hiddenShare } from './coverage.js';
import { leakOf } from './leaks.js';
import { sortRegions, type Region } from './regions.js';
import { findVectorRedactions, type RejectedRegion } from './vector-redactions.js';
import { wordsFromGlyphs } from './visible-words.js';

export interface PageDetections {
  redactions: Redaction[];
  leaks: Leak[];
  /** Words a reader sees (hidden glyphs and box labels removed). */
  words: Word[];
  /** Dark regions rejected as redactions, with the reason (for diagnostics). */
  rejected: RejectedRegion[];
}

/** Regions found by other means (raster analysis of a scan) join the same rules here. */
export function detectPage(facts: PageFacts, annotationShapes: FilledShape[], extraRegions: Region[] = []): PageDetections {
  const vector = findVectorRedactions(facts.shapes, facts.glyphs, facts.groupBoxes);
  const annotation = findAnnotationRedactions(facts.annotations, annotationShapes);
  const regions = sortRegions([...vector.regions, ...extraRegions, ...annotation]);
  const redactions: Redaction[] = [];
  const leaks: Leak[] = [];
  const hidden = new Set<Glyph>();
  regions.forEach((region, i) => {
    const id = `p${facts.page}-r${i + 1}`;
    redactions.push({
      id,
      page: facts.page,
      bbox: roundBox(region.bbox),
      source: region.source,
      ...(region.label ? { label: region.label } : {}),
      ...(region.parts.length > 1 ? { parts: region.parts.map((p) => roundBox(p.bbox)) } : {}),
      ...(region.annotation ? { annotation: region.annotation } : {}),
      ...(region.unapplied ? { unapplied: true } : {}),
    });
    const leak = leakOf(region, id, facts.page, facts.glyphs);
    if (leak) leaks.push({ ...leak, bbox: roundBox(leak.bbox) });
    if (region.unapplied) return; // a mark only: the text under it stays visible
    // covered text, labels and overlay text on the box: none of it is seen as page text
    for (const g of facts.glyphs) if (overlaps(g, region)) hidden.add(g);
  });
  const words = wordsFromGlyphs(facts.glyphs.filter((g) => !hidden.has(g)));
  return { redactions, leaks, words, rejected: vector.rejected };
}

function overlaps(g: Glyph, r: Region): boolean {
  return hiddenShare({ ...g, invisible: true }, r.parts) >= COVER_SHARE;
}
