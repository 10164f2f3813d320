/**
 * All detections for one page, from its facts: redaction regions with ids, leaks, and the words a
 * reader can still see.
 */
import type { BBox, FilledShape, Glyph, Leak, PageFacts, PlacedImage, Redaction, Word } from '../model.js';
import { intersection, roundBox } from '../facts/geometry.js';
import { toneUnder, type DecodedImage } from '../facts/image-pixels.js';
import { imageShowsContent } from './image-leaks.js';
import { findAnnotationRedactions } from './annotation-redactions.js';
import { COVER_SHARE, hiddenShare } from './coverage.js';
import { leakOf } from './leaks.js';
import { sortRegions, type Region } from './regions.js';
import { findVectorRedactions, type RejectedRegion, type VectorRedactions } from './vector-redactions.js';
import { wordsFromGlyphs } from './visible-words.js';
import { labelCategory } from '../scan/exemptions.js';

export interface PageDetections {
  redactions: Redaction[];
  leaks: Leak[];
  /** Words a reader sees (hidden glyphs and box labels removed). */
  words: Word[];
  /** Dark regions rejected as redactions, with the reason (for diagnostics). */
  rejected: RejectedRegion[];
  /** image-under-box leaks, each with the image areas under its box that show content (to be read). */
  underImages: ImageLeakArea[];
}

/** An image-under-box leak and where its box covers an image that shows content. */
export interface ImageLeakArea {
  leak: Leak;
  areas: { image: PlacedImage; box: BBox }[];
}

/** The regions a page's own painting and annotations make (everything but raster boxes). */
export interface ShapeRegions {
  vector: VectorRedactions;
  annotation: Region[];
}

/**
 * Vector and annotation redaction regions of a page: found once, used by every later step.
 * `maxBoxes`: more distinct dark boxes than this and none are judged (vector.overLimit is set).
 */
export function findShapeRegions(facts: PageFacts, annotationShapes: FilledShape[] = [], maxBoxes = Infinity): ShapeRegions {
  return {
    vector: findVectorRedactions(facts.shapes, facts.glyphs, facts.groupBoxes, maxBoxes),
    annotation: findAnnotationRedactions(facts.annotations, annotationShapes),
  };
}

export interface DetectInputs {
  /** Filled shapes painted by annotation appearances (used when shapeRegions is not given). */
  annotationShapes?: FilledShape[];
  /** The page's vector and annotation regions, when already found. */
  shapeRegions?: ShapeRegions;
  /** Regions found by other means (raster analysis of a scan); they join the same rules. */
  extraRegions?: Region[];
  /** Decoded pixels of the page's images, for the image-under-box rule. */
  imagePixels?: Map<PlacedImage, DecodedImage>;
}

/** Images a vector region is painted over: candidates for the image-under-box rule. */
export function imagesUnderBoxes(facts: PageFacts, regions: Region[]): PlacedImage[] {
  return facts.images.filter((img) => img.objId && regions.some((r) => r.parts.some((p) => p.order > img.order && intersection(p.bbox, img.bbox))));
}

export function detectPage(facts: PageFacts, inputs: DetectInputs = {}): PageDetections {
  const { extraRegions = [], imagePixels } = inputs;
  const { vector, annotation } = inputs.shapeRegions ?? findShapeRegions(facts, inputs.annotationShapes);
  const regions = sortRegions([...vector.regions, ...extraRegions, ...annotation]);
  const redactions: Redaction[] = [];
  const leaks: Leak[] = [];
  const hidden = new Set<Glyph>();
  const underImages: ImageLeakArea[] = [];
  regions.forEach((region, i) => {
    const id = `p${facts.page}-r${i + 1}`;
    redactions.push({
      id,
      page: facts.page,
      bbox: roundBox(region.bbox),
      source: region.source,
      style: region.style ?? 'solid',
      ...(region.label ? { label: region.label } : {}),
      ...(labelCategory(region.label) ? { category: labelCategory(region.label) } : {}),
      ...(region.parts.length > 1 ? { parts: region.parts.map((p) => roundBox(p.bbox)) } : {}),
      ...(region.parts.length === 1 && region.parts[0].quad ? { quad: region.parts[0].quad.map(([x, y]) => [Math.round(x * 100) / 100, Math.round(y * 100) / 100] as [number, number]) } : {}),
      ...(region.annotation ? { annotation: region.annotation } : {}),
      ...(region.unapplied ? { unapplied: true } : {}),
    });
    const leak = leakOf(region, id, facts.page, facts.glyphs);
    if (leak) leaks.push({ ...leak, bbox: leak.bbox && roundBox(leak.bbox) });
    if (region.source === 'vector' && imagePixels) {
      const areas = imageAreasShowing(region, facts.images, imagePixels);
      if (areas.length) {
        // the text is read from the pixels by the scan stage (analyze): empty until then
        const leak: Leak = { page: facts.page, bbox: roundBox(region.bbox), kind: 'image-under-box', text: '', redactionId: id };
        leaks.push(leak);
        underImages.push({ leak, areas });
      }
    }
    if (region.unapplied) return; // a mark only: the text under it stays visible
    // covered text, labels and overlay text on the box: none of it is seen as page text
    for (const g of facts.glyphs) if (overlaps(g, region)) hidden.add(g);
  });
  const words = wordsFromGlyphs(facts.glyphs.filter((g) => !hidden.has(g)));
  return { redactions, leaks, words, rejected: vector.rejected, underImages };
}

/** The parts of a region painted over images (ordinary or stencil masks) whose pixels there still show content. */
function imageAreasShowing(region: Region, images: PlacedImage[], pixels: Map<PlacedImage, DecodedImage>): { image: PlacedImage; box: BBox }[] {
  const out: { image: PlacedImage; box: BBox }[] = [];
  for (const p of region.parts) {
    for (const image of images) {
      const decoded = pixels.get(image);
      const under = image.order < p.order ? intersection(p.bbox, image.bbox) : null;
      if (decoded && under && imageShowsContent(toneUnder(decoded, image, under))) out.push({ image, box: under });
    }
  }
  return out;
}

function overlaps(g: Glyph, r: Region): boolean {
  return hiddenShare({ ...g, invisible: true }, r.parts) >= COVER_SHARE;
}
