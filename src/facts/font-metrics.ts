/**
 * How tall a character's box is: from its font's ascent to its descent, in text-space units of 1 em.
 *
 * pdf.js gives them: the embedded font file's, else the font descriptor's Ascent and Descent.
 * A document that is only read is opened without pdf.js's standard font data (open-pdf.ts): parsing
 * and repairing the substitute font files (Liberation Sans for Helvetica and Arial, Foxit's Type1
 * fonts for Times and Courier) cost up to ~4 ms of CPU per font per file (Times-Roman: ~9.7 ms per
 * document opened with them, ~5.6 ms without, in one warm process), and only a drawn page needs
 * their outlines. Only one thing changes without them, for a standard font named
 * without a font descriptor: pdf.js then reports Adobe's metrics (Helvetica 0.718 / -0.207), where
 * with the data it reported the substitute's (Liberation Sans's 0.905 / -0.212) or none (the Type1
 * substitutes). The rule below restores the boxes a drawn page has, so reports do not depend on
 * how the file was opened.
 */

export interface FontMetrics {
  ascent: number;
  descent: number;
}

/** A font without usable metrics of its own (none given, or out of range): 0.8 em up, 0.2 em down. */
export const DEFAULT_FONT_METRICS: FontMetrics = { ascent: 0.8, descent: -0.2 };

/** Liberation Sans's line metrics (hhea 1854 / -434 of 2048 units), the face pdf.js draws Helvetica and Arial with. */
export const SUBSTITUTE_SANS_METRICS: FontMetrics = { ascent: 1854 / 2048, descent: -434 / 2048 };

/** Adobe's metrics for the Helvetica family (all four styles), which pdf.js falls back to. */
const HELVETICA_AFM: FontMetrics = { ascent: 0.718, descent: -0.207 };

/** Accepted ranges: anything outside is a broken font's and gives way to the defaults. */
const ASCENT_RANGE = [0.3, 1.3] as const;
const DESCENT_RANGE = [-0.6, 0] as const;

const same = (a: unknown, b: number) => typeof a === 'number' && Math.abs(a - b) < 1e-9;
const within = (v: unknown, [lo, hi]: readonly [number, number]): v is number => typeof v === 'number' && v > lo && v < hi;

/**
 * A standard font named without a font descriptor, which pdf.js fell back on its own metrics for:
 * no file (`missingFile`), no descriptor's FontBBox (`bbox`), not a Type3 font.
 */
function isBareStandardFont(obj: Record<string, unknown>): boolean {
  return obj.missingFile === true && obj.bbox == null && obj.isType3Font !== true;
}

/** A character box's ascent and descent (em) for a pdf.js font object. */
export function glyphMetrics(obj: Record<string, unknown> | undefined): FontMetrics {
  if (obj && isBareStandardFont(obj)) {
    // Helvetica and Arial are drawn with Liberation Sans; Times, Courier, Symbol and Dingbats
    // with Type1 faces whose metrics pdf.js does not read
    return same(obj.ascent, HELVETICA_AFM.ascent) && same(obj.descent, HELVETICA_AFM.descent) ? SUBSTITUTE_SANS_METRICS : DEFAULT_FONT_METRICS;
  }
  const { ascent, descent } = obj ?? {};
  return {
    ascent: within(ascent, ASCENT_RANGE) ? ascent : DEFAULT_FONT_METRICS.ascent,
    descent: within(descent, DESCENT_RANGE) ? descent : DEFAULT_FONT_METRICS.descent,
  };
}
