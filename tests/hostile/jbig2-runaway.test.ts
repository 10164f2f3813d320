/**
 * Damaged JBIG2 data: pdf.js's WebAssembly decoder rejects it and its JavaScript decoder takes over,
 * which on such data grows without end (~50 MB/s here). Before, the memory ceiling stopped the
 * analysis after ~40 s as `too-large`, which told the user to raise --max-memory. Now the growth is
 * watched while that decoder runs (load/pdfjs-worker.ts), and past JBIG2_RUNAWAY_MB the file fails
 * as `damaged`. The rule alone with a fake memory reading; then corpus 27 (a JBIG2 scan) with one
 * fuzz mutant (seed 2212, #84: any flipped byte of its image data does it), regenerated here.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { AnalysisError } from '../../src/errors.js';
import { JBIG2_RUNAWAY_MB, JBIG2_WATCH_MS, watchJbig2Fallback } from '../../src/load/pdfjs-worker.js';
import { mutant } from '../../scripts/fuzz/mutate.js';
import { corpusFile, describeCorpus } from '../helpers/corpus.js';

const MiB = 1048576;

describe('watchJbig2Fallback', () => {
  afterEach(() => vi.useRealTimers());

  it(`calls the runaway once when memory has grown past JBIG2_RUNAWAY_MB (${JBIG2_RUNAWAY_MB}), not before; stopping ends the watch`, () => {
    vi.useFakeTimers();
    let rss = 300 * MiB;
    const runaway = vi.fn();
    watchJbig2Fallback(runaway, () => rss);
    rss += JBIG2_RUNAWAY_MB * MiB; // exactly at the limit: still a decode
    vi.advanceTimersByTime(10 * JBIG2_WATCH_MS);
    expect(runaway).not.toHaveBeenCalled();
    rss += 2 * MiB;
    vi.advanceTimersByTime(JBIG2_WATCH_MS);
    expect(runaway).toHaveBeenCalledExactlyOnceWith(JBIG2_RUNAWAY_MB + 2);
    rss += 500 * MiB;
    vi.advanceTimersByTime(10 * JBIG2_WATCH_MS);
    expect(runaway).toHaveBeenCalledTimes(1);

    const later = vi.fn();
    const stop = watchJbig2Fallback(later, () => rss);
    stop();
    rss += 2000 * MiB;
    vi.advanceTimersByTime(10 * JBIG2_WATCH_MS);
    expect(later).not.toHaveBeenCalled();
  });
});

describeCorpus('a damaged JBIG2 scan (corpus 27 mutant)', () => {
  it('fails as damaged, naming the JBIG2 image, long before the memory ceiling; the next file is read by a new thread', async () => {
    const original = new Uint8Array(readFileSync(corpusFile('27_18f_usda_foia_referral_scanned_control.pdf')));
    const m = mutant(original, 2212, 84);
    expect(m.what).toBe('flip 12 bits');
    const failure = await analyze(m.bytes, { path: 'm84.pdf', ocr: 'never' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AnalysisError);
    expect((failure as AnalysisError).code).toBe('damaged');
    expect((failure as AnalysisError).message).toMatch(/^a JBIG2 image's data is damaged: decoding it took \d+ MiB and went on growing/);
    const report = await analyze(original, { path: '27.pdf', ocr: 'never' });
    expect(report.pages).toHaveLength(1);
  }, 120_000);
});
