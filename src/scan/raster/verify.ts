/**
 * Stage 6 of the raster box search: each candidate rectangle against what a redaction is. Every
 * rule is a small named function that returns why the candidate is not a redaction, or null.
 */
import type { RasterSettings } from './defaults.js';
import type { Rect } from './rectangles.js';

export type RectRule = (r: Rect, s: RasterSettings) => string | null;

/** Mostly dark or enclosed label: fill >= minFill and raw dark share >= minDarkRatio. */
export const filledRule: RectRule = (r, s) =>
  r.fill < s.minFill ? `fill ${r.fill.toFixed(2)} < ${s.minFill}` : r.darkRatio < s.minDarkRatio ? `dark ${r.darkRatio.toFixed(2)} < ${s.minDarkRatio}` : null;

/** Its dark pixels are really dark (not a mid-grey photo or stamp). */
export const reallyDarkRule: RectRule = (r, s) => (r.darkMean > s.maxDarkMean ? `dark pixels grey ${r.darkMean.toFixed(0)} > ${s.maxDarkMean}` : null);

export const RECT_RULES: Record<string, RectRule> = { filled: filledRule, reallyDark: reallyDarkRule };

/** The first rule the rectangle fails, as "rule: reason", or null when it passes them all. */
export function verifyRect(r: Rect, s: RasterSettings): string | null {
  for (const [name, rule] of Object.entries(RECT_RULES)) {
    const why = rule(r, s);
    if (why) return `${name}: ${why}`;
  }
  return null;
}
