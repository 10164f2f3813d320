/**
 * Is there anything on a page? (Scan stage: judged on the rendered page.) A page with ink but no text source is `unread` (its sections are
 * neither readable nor redacted), a blank one is simply empty.
 *
 *  - rendered pages: the share of pixels darker than INK_LEVEL, leaving out a margin of
 *    INK_MARGIN of each side (the black borders a scanner leaves), at least MIN_INK_SHARE; the
 *    caller masks redaction boxes out first (a page that is all boxes is redacted, not unread);
 *  - pages not rendered: any image, or any filled shape that is not near-white.
 */
import type { PageFacts } from '../model.js';
import type { GreyImage } from './render.js';

/** Pixels darker than this (0..255) are ink. */
export const INK_LEVEL = 128;
/** Share of each side left out (scanner borders). */
export const INK_MARGIN = 0.03;
/** Share of the page's pixels that must be ink: about one short typed line. */
export const MIN_INK_SHARE = 0.001;

/** Share of the image's pixels (margins left out) darker than INK_LEVEL. */
export function inkShare(img: GreyImage): number {
  const mx = Math.floor(img.width * INK_MARGIN);
  const my = Math.floor(img.height * INK_MARGIN);
  let dark = 0;
  let total = 0;
  for (let y = my; y < img.height - my; y++) {
    const row = y * img.width;
    for (let x = mx; x < img.width - mx; x++) {
      total++;
      if (img.data[row + x] < INK_LEVEL) dark++;
    }
  }
  return total > 0 ? dark / total : 0;
}

/** True when a rendered page (boxes masked out) carries ink. */
export function imageHasInk(img: GreyImage): boolean {
  return inkShare(img) >= MIN_INK_SHARE;
}

/** True when a page that was not rendered draws anything: an image or a filled shape that is not near-white. */
export function factsHaveInk(facts: Pick<PageFacts, 'images' | 'shapes'>): boolean {
  return facts.images.length > 0 || facts.shapes.some((s) => s.alpha > 0 && Math.min(...s.color) < 230);
}
