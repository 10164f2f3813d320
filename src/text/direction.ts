/**
 * Text that runs sideways or upside down on the displayed page: a landscape page scanned as
 * portrait and fixed with /Rotate, a table turned 90°, a stamp up the margin. Words carry the
 * direction their glyphs were drawn in (Word.dir: quarter turns clockwise from left-to-right on
 * the displayed page). A page is read in its *reading frame*: the display coordinates turned so
 * that most of its text runs left to right, top line first; the text stage then works there as on
 * any upright page, and boxes it reports are turned back (displayBox).
 *
 * Frame of a quarter turn d, on a page W x H (display):
 *   d = 1 (text runs down):   x' = y,     y' = W - x   (frame W' = H, H' = W)
 *   d = 2 (upside down):      x' = W - x, y' = H - y
 *   d = 3 (text runs up):     x' = H - y, y' = x       (frame W' = H, H' = W)
 */
import type { BBox, PageLayout, TextDirection, Word } from '../model.js';

/** A point of the display page, in the frame of quarter turn `d`. */
function toFramePoint(x: number, y: number, d: TextDirection, w: number, h: number): [number, number] {
  if (d === 1) return [y, w - x];
  if (d === 2) return [w - x, h - y];
  if (d === 3) return [h - y, x];
  return [x, y];
}

/** A display box in the frame of quarter turn `d` on a page of w x h display points. */
export function toFrameBox(b: BBox, d: TextDirection, w: number, h: number): BBox {
  if (d === 0) return b;
  const [ax, ay] = toFramePoint(b[0], b[1], d, w, h);
  const [bx, by] = toFramePoint(b[2], b[3], d, w, h);
  return [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)];
}

/** A frame box back in display coordinates (`w`, `h`: the display page's size). */
export function displayBox(b: BBox, d: TextDirection, w: number, h: number): BBox {
  // the inverse of a quarter turn d is the turn 4 - d, on the frame's own page (sides swapped for odd d)
  const inverse = ((4 - d) % 4) as TextDirection;
  return d % 2 === 1 ? toFrameBox(b, inverse, h, w) : toFrameBox(b, inverse, w, h);
}

/** A line's box in display coordinates, whether or not its page is read in a turned frame. */
export function lineBoxOnPage(line: { bbox: BBox; turn?: TextDirection; pageWidth: number; pageHeight: number }): BBox {
  const d = line.turn ?? 0;
  if (d === 0) return line.bbox;
  // the line's page size is the frame's: the display page has the sides swapped for odd turns
  return d % 2 === 1 ? displayBox(line.bbox, d, line.pageHeight, line.pageWidth) : displayBox(line.bbox, d, line.pageWidth, line.pageHeight);
}

/** Word text direction (absent: left to right). */
export const dirOf = (w: { dir?: TextDirection }): TextDirection => w.dir ?? 0;

/** The direction most of the page's text runs in (by characters); 0 when there is no text. */
export function dominantDirection(words: readonly Word[]): TextDirection {
  const chars = [0, 0, 0, 0];
  for (const w of words) chars[dirOf(w)] += w.text.length;
  let best = 0;
  for (let d = 1; d < 4; d++) if (chars[d] > chars[best]) best = d;
  return best as TextDirection;
}

/**
 * The page in the reading frame of quarter turn `d`: every word and redaction box turned, each
 * word's direction made relative to the frame, the page's sides swapped for odd turns.
 */
export function turnLayout(layout: PageLayout, d: TextDirection): PageLayout {
  if (d === 0) return layout;
  const { width: w, height: h } = layout;
  return {
    ...layout,
    width: d % 2 === 1 ? h : w,
    height: d % 2 === 1 ? w : h,
    words: layout.words.map((word) => {
      const rel = ((dirOf(word) - d + 4) % 4) as TextDirection;
      const { dir: _dir, ...rest } = word;
      return { ...rest, bbox: toFrameBox(word.bbox, d, w, h), ...(rel ? { dir: rel } : {}) };
    }),
    redactions: layout.redactions.map((r) => ({ ...r, bbox: toFrameBox(r.bbox, d, w, h), ...(r.parts ? { parts: r.parts.map((p) => toFrameBox(p, d, w, h)) } : {}) })),
  };
}
