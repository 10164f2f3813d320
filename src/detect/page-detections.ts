/**
 * All detections for one page, from its facts: redaction regions with ids, leaks, and the words a
 * reader can still see.
 */
import type { BBox, FilledShape, Glyph, Leak, Notice, PageFacts, PlacedImage, Redaction, Word } from '../model.js';
import { intersection, roundBox } from '../facts/geometry.js';
import { toneUnder, type DecodedImage } from '../facts/image-pixels.js';
import { imageShowsContent } from './image-leaks.js';
import { findAnnotationRedactions } from './annotation-redactions.js';
import { COVER_SHARE, coverShare } from './coverage.js';
import { findHiddenText } from './hidden-text.js';
import { coveredGlyphs, leakOf } from './leaks.js';
import { findLightCovers } from './light-covers.js';
import { findTextUnderImages } from './text-under-image.js';
import { widthMeasurableNotices } from './width-measurable.js';
import { boundsOf, sortRegions, type Region } from './regions.js';
import { findVectorRedactions, type RejectedRegion, type VectorRedactions } from './vector-redactions.js';
import { readOnce } from './overprint.js';
import { wordsFromGlyphs } from './visible-words.js';
import { pictureTextRule } from './picture-text.js';
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
  /** Width-measurable redactions (born-digital pages only). */
  notices: Notice[];
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
  const dark = findVectorRedactions(facts.shapes, facts.glyphs, facts.groupBoxes, maxBoxes);
  const light = dark.overLimit === undefined ? findLightCovers(facts.shapes, facts.glyphs, facts.groupBoxes) : [];
  return {
    vector: { ...dark, regions: [...dark.regions, ...light] },
    annotation: findAnnotationRedactions(facts.annotations, annotationShapes, contentGlyphs(facts)),
  };
}

/** Glyphs of the page's own content, without those annotation appearances draw over it. */
export function contentGlyphs(facts: PageFacts): Glyph[] {
  const from = facts.appearancesFrom;
  return from === undefined ? facts.glyphs : facts.glyphs.filter((g) => g.order < from);
}

export interface DetectInputs {
  /** Filled shapes painted by annotation appearances (used when shapeRegions is not given). */
  annotationShapes?: FilledShape[];
  /** The page's vector and annotation regions, when already found. */
  shapeRegions?: ShapeRegions;
  /** Regions found by other means (raster analysis of a scan); they join the same rules. */
  extraRegions?: Region[];
  /** Decoded pixels of the page's images, for the image-under-box and text-under-image rules. */
  imagePixels?: Map<PlacedImage, DecodedImage>;
  /** The page is born-digital text (not a scan): the widths of its redactions can be measured. */
  bornDigital?: boolean;
}

/** Images a vector region is painted over: candidates for the image-under-box rule. */
export function imagesUnderBoxes(facts: PageFacts, regions: Region[]): PlacedImage[] {
  return facts.images.filter((img) => img.objId && regions.some((r) => r.parts.some((p) => p.order > img.order && intersection(p.bbox, img.bbox))));
}

export function detectPage(facts: PageFacts, inputs: DetectInputs = {}): PageDetections {
  const { extraRegions = [], imagePixels } = inputs;
  const ownGlyphs = contentGlyphs(facts);
  // applied redactions that leak nothing: their width may still be measurable
  const measurable: { region: Region; id: string }[] = [];
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
    // an annotation covers the page's content, not the text of its own (or later) appearances
    const under = region.source === 'annotation' ? ownGlyphs : facts.glyphs;
    const leak = leakOf(region, id, facts.page, under);
    if (leak) leaks.push({ ...leak, bbox: leak.bbox && roundBox(leak.bbox) });
    else measurable.push({ region, id });
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
    // white-out hides what it covers; text drawn on it (a replacement) stays readable
    if (region.light) for (const g of coveredGlyphs(region, under)) hidden.add(g);
    // covered text, labels and overlay text on the box: none of it is seen as page text
    else {
      const bounds = boundsOf(region.parts);
      for (const g of facts.glyphs) if (coverShare(g, region.parts, bounds) >= COVER_SHARE) hidden.add(g);
    }
  });
  const backgrounds = [...facts.shapes, ...(inputs.annotationShapes ?? [])];
  const hiddenText = findHiddenText(facts, hidden, backgrounds);
  leaks.push(...hiddenText.leaks.map(rounded));
  for (const g of hiddenText.hidden) hidden.add(g);
  if (imagePixels) {
    const overText = findTextUnderImages(facts, imagePixels, hidden);
    leaks.push(...overText.leaks.map(rounded));
    for (const g of overText.hidden) hidden.add(g);
  }
  // text painted twice (an overprint, an OCR layer under the text itself) is read once
  const visible = readOnce(facts.glyphs.filter((g) => !hidden.has(g)));
  const notices = inputs.bornDigital ? widthMeasurableNotices(facts.page, measurable, visible) : [];
  return { redactions, leaks, words: wordsFromGlyphs(visible, pictureTextRule(facts, visible)), rejected: vector.rejected, notices, underImages };
}

function rounded(leak: Leak): Leak {
  return { ...leak, bbox: leak.bbox && roundBox(leak.bbox) };
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

