/**
 * Text under an image: live text over which an opaque raster image is drawn afterwards, an image
 * used as a black (or white) bar. The text is hidden on screen and extractable. Only plain images
 * count (the whole image is one uniform, opaque tone): a picture, logo or signature placed over
 * text shows something in its place, and a page-sized scan over its own OCR text is a scan, not a
 * cover.
 */
import type { BBox, Glyph, Leak, PageFacts, PlacedImage } from '../model.js';
import { area, intersection, intersectionArea, union } from '../facts/geometry.js';
import { uniformityUnder, type DecodedImage } from '../facts/image-pixels.js';
import { SCAN_COVER } from '../facts/text-plan.js';
import { isExemptionLabel } from '../scan/exemptions.js';
import { COVER_SHARE, glyphText } from './coverage.js';

/** Share of the image's pixels that must be one tone for it to be a bar. */
export const BAR_UNIFORM_SHARE = 0.97;
/** Mean opacity of its pixels for the image to hide what is under it. */
export const BAR_MIN_OPACITY = 0.9;

/** Live glyphs an image painted after them covers (at least half of each). */
export function glyphsUnder(img: PlacedImage, glyphs: readonly Glyph[]): Glyph[] {
  return glyphs.filter((g) => {
    if (g.invisible || g.isSpace || g.order >= img.order) return false;
    const a = area(g.bbox);
    return a > 0 && intersectionArea(g.bbox, img.bbox) / a >= COVER_SHARE;
  });
}

/** Images that could be covering text: decoded pictures (no stencil masks), smaller than a scan, painted over live glyphs. */
export function imagesOverText(facts: PageFacts): PlacedImage[] {
  const pageArea = facts.width * facts.height;
  return facts.images.filter((img) => img.objId && !img.stencil && area(img.bbox) < SCAN_COVER * pageArea && glyphsUnder(img, facts.glyphs).length > 0);
}

/** Rule: the image is a plain opaque bar over the box (its shown part). */
export function isOpaqueBar(pixels: DecodedImage, img: PlacedImage, box: BBox): boolean {
  const u = uniformityUnder(pixels, img, box);
  return u.samples >= 20 && u.uniformShare >= BAR_UNIFORM_SHARE && u.opacity >= BAR_MIN_OPACITY;
}

export function findTextUnderImages(
  facts: PageFacts,
  pixels: ReadonlyMap<PlacedImage, DecodedImage>,
  exclude: ReadonlySet<Glyph>,
): { leaks: Leak[]; hidden: Set<Glyph> } {
  const leaks: Leak[] = [];
  const hidden = new Set<Glyph>();
  for (const img of imagesOverText(facts)) {
    const decoded = pixels.get(img);
    if (!decoded) continue;
    const under = glyphsUnder(img, facts.glyphs).filter((g) => !exclude.has(g) && !hidden.has(g));
    if (!under.length) continue;
    const box = intersection(under.map((g) => g.bbox).reduce(union), img.bbox);
    const shown = intersection(img.bbox, [0, 0, facts.width, facts.height]);
    if (!box || !shown || !isOpaqueBar(decoded, img, shown)) continue;
    for (const g of under) hidden.add(g);
    const text = glyphText(under);
    if (!/[\p{L}\p{N}]/u.test(text) || isExemptionLabel(text)) continue;
    leaks.push({ kind: 'text-under-image', page: facts.page, bbox: box, text, redactionId: null, detail: 'under an opaque image drawn after it' });
  }
  return { leaks, hidden };
}
