/**
 * pdf.js leaves promises of its own unhandled on some damaged files (a prefetched page dictionary
 * or outline entry whose cross-reference entry is bad). In the threads where pdf.js runs (the
 * shared parsing thread, load/pdfjs-thread.ts; the raster threads, scan/raster-worker.ts) such an
 * orphan must not end the thread: when it did, the analysis either never settled (the process
 * exited with no report and no error) or failed as `internal`. Both mutants were found by
 * `npm run fuzz` and are regenerated here from their seeds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { AnalysisError } from '../../src/errors.js';
import { mutant } from '../../scripts/fuzz/mutate.js';
import { makeFiling } from '../batch/make-pdfs.js';
import { corpusFile, describeCorpus } from '../helpers/corpus.js';

describe('pdf.js orphan rejections in its threads', () => {
  it('a bad outline entry (parsing thread): the analysis settles, as a clean failure or a report', async () => {
    const m = mutant(await makeFiling({ pages: 2, leak: true, seed: 11 }), 20251201, 50);
    expect(m.what).toBe('move 1671 bytes from 610 to 989');
    const outcome = await analyze(m.bytes, { path: 'm50.pdf', ocr: 'never' }).then(
      (r) => ({ code: 'report', pages: r.pages.length }),
      (e: unknown) => ({ code: e instanceof AnalysisError ? e.code : 'thrown', message: String(e) }),
    );
    expect(['report', 'damaged']).toContain(outcome.code);
  }, 120_000);
});

describeCorpus('pdf.js orphan rejections in the raster threads (corpus 20)', () => {
  it('a damaged scan whose renderer meets a bad cross-reference entry is analysed, not internal', async () => {
    const m = mutant(new Uint8Array(readFileSync(corpusFile('20_mueller_appendixD_scanned_labeled_boxes.pdf'))), 1, 962);
    expect(m.what).toBe('move 2008 bytes from 1009667 to 254321');
    const report = await analyze(m.bytes, { path: 'm962.pdf', ocr: 'never' });
    expect(report.pages.length).toBe(8);
    expect(report.pages.flatMap((p) => p.redactions).length).toBeGreaterThan(0);
  }, 300_000);
});
