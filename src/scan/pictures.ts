/**
 * Pictures on a page: images (screenshots, photos, maps, logos) placed in a born-digital page, as
 * opposed to the page's own scan. A page that shows its own text (visible text-layer characters
 * outside its images) is born-digital; any image on it that does not cover the whole page is a
 * picture. Dark elements of pictures (map pins, icons, buttons, dark hair) look like boxes but are
 * not redactions, so raster boxes inside pictures are reported only when they carry a label.
 */
import type { BBox, PageFacts } from '../model.js';
import { area, intersectionArea } from '../facts/geometry.js';

/** Visible text-layer characters outside the page's images from which the page counts as born-digital. */
export const MIN_OWN_TEXT = 20;
/** An image covering at least this share of the page is the page itself (a scan), not a picture. */
export const PAGE_IMAGE_COVER = 0.9;

export function pictureRegions(facts: PageFacts): BBox[] {
  const page: BBox = [0, 0, facts.width, facts.height];
  const pageArea = area(page);
  if (!(pageArea > 0) || facts.images.length === 0) return [];
  const inside = (g: { bbox: BBox }) => facts.images.some((img) => intersectionArea(g.bbox, img.bbox) >= 0.5 * Math.max(area(g.bbox), 1e-6));
  const ownText = facts.glyphs.filter((g) => !g.invisible && !g.isSpace && !inside(g)).length;
  if (ownText < MIN_OWN_TEXT) return [];
  return facts.images.filter((img) => intersectionArea(img.bbox, page) < PAGE_IMAGE_COVER * pageArea).map((img) => img.bbox);
}
