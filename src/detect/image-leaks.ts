/**
 * Image under a box: a vector redaction drawn over an embedded image (a scan) whose own pixels
 * under the box still show content. The box hides it on screen, but anyone who extracts the image
 * sees what was meant to be withheld. Burned-in redactions (the image itself is dark there) and
 * blank paper under the box are not leaks.
 */
import type { AreaTone } from '../facts/image-pixels.js';

/** Share of dark pixels above which the image is taken as already blacked out there. */
export const BURNED_IN_DARK = 0.85;
/** Share of dark pixels (ink) below which the image is taken as blank paper there. */
export const BLANK_DARK = 0.02;

export function imageShowsContent(tone: AreaTone): boolean {
  if (tone.samples < 20) return false;
  return tone.darkShare > BLANK_DARK && tone.darkShare < BURNED_IN_DARK && tone.lightShare > 0.1;
}
