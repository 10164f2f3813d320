/**
 * Picture text: the invisible OCR layer over a picture (a screenshot, a map, a photo) on a page
 * that sets its own text, as a slide deck or a memo with screenshots has once it is run through
 * OCR. Its words are readable and stay in the page text, but their size is the OCR tool's box
 * around the picture's letters, not a type the document chose, and their lines are the picture's:
 * they never make a heading (corpus 30's "Wile", "inde spea upo"). A scan's own OCR layer (the page
 * is mostly image) is the page's text, not picture text, and neither is a search layer over
 * text drawn as outlines (no image under it).
 */
import type { Glyph, PageFacts } from '../model.js';
import { imageCover, SCAN_COVER } from '../facts/text-plan.js';

export { imageCover };

/**
 * Rule: the page's invisible words over a picture are picture text when the page sets visible text
 * of its own and is no scan (its images together cover under SCAN_COVER of it). `visible`: the
 * glyphs a reader sees. Returns the predicate for one word's glyphs, or null when no word of the
 * page can be picture text.
 */
export function pictureTextRule(facts: PageFacts, visible: readonly Glyph[]): ((run: readonly Glyph[]) => boolean) | null {
  if (facts.images.length === 0 || imageCover(facts) >= SCAN_COVER) return null;
  if (!visible.some((g) => !g.invisible && !g.isSpace && g.text.trim() !== '')) return null;
  return (run) => {
    const invisible = run.filter((g) => g.invisible).length;
    if (invisible * 2 <= run.length) return false;
    const x = (Math.min(...run.map((g) => g.bbox[0])) + Math.max(...run.map((g) => g.bbox[2]))) / 2;
    const y = (Math.min(...run.map((g) => g.bbox[1])) + Math.max(...run.map((g) => g.bbox[3]))) / 2;
    return facts.images.some(({ bbox: [x0, y0, x1, y1] }) => x >= x0 && x <= x1 && y >= y0 && y <= y1);
  };
}
