/**
 * pdf.js leaves some promises of its own unhandled on damaged files: it prefetches the page
 * dictionaries it may need (Catalog.getPageDict puts `xref.fetchAsync(kid)` in a cache) and, when
 * the page tree turns out broken, nobody awaits the prefetch that fails. Node then reports an
 * unhandled rejection (by default: the process dies, with a message that names no file), although
 * the failure that matters has already reached the analysis through the promise it awaited.
 *
 * While analyses are open, and for a moment after (the orphans reject late), such rejections are
 * ignored here. Anything not raised by pdf.js is left to Node's own behaviour: rethrown as an
 * uncaught exception when nobody else listens, as Node does by default.
 */
import { isPdfjsError } from '../errors.js';

/** How long after the last analysis ends pdf.js orphans are still ignored, ms. */
export const ORPHAN_GRACE_MS = 2000;

let open = 0;
let timer: NodeJS.Timeout | undefined;

function onRejection(reason: unknown): void {
  if (isPdfjsError(reason)) return;
  // not ours to swallow: with no other listener, do what Node does without one
  if (process.listenerCount('unhandledRejection') === 1) {
    process.nextTick(() => {
      throw reason;
    });
  }
}

/** Ignore pdf.js orphan rejections until the returned release() (plus the grace period). */
export function guardPdfjsRejections(): () => void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (open++ === 0 && !process.listeners('unhandledRejection').includes(onRejection)) process.on('unhandledRejection', onRejection);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--open > 0) return;
    timer = setTimeout(() => {
      timer = undefined;
      if (open === 0) process.removeListener('unhandledRejection', onRejection);
    }, ORPHAN_GRACE_MS);
    timer.unref();
  };
}
