/**
 * A document opened readOnly (open-pdf.ts) gives the same page facts as one opened for drawing,
 * without pdf.js building glyph paths for it; the font loader it relies on is still where pdf.js 5
 * keeps it (if pdf.js moves it, the patch silently does nothing: this test says so).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPdf } from '../../src/load/open-pdf.js';
import { readPageFacts } from '../../src/facts/page-facts.js';
import { makeFiling } from '../batch/make-pdfs.js';
import { corpusFile, describeCorpus } from '../helpers/corpus.js';

const sample = path.join(import.meta.dirname, '..', '..', 'samples', 'mou-redacted.pdf');

async function factsOf(bytes: Uint8Array, readOnly: boolean) {
  const doc = await openPdf({ bytes, path: 'test.pdf', sha256: '' }, undefined, { readOnly });
  try {
    const loader = (doc as unknown as { _transport: { fontLoader: { bind: unknown; constructor: { prototype: { bind: unknown } } } } })._transport.fontLoader;
    const patched = loader.bind !== loader.constructor.prototype.bind;
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) pages.push((await readPageFacts(await doc.getPage(n))).facts);
    return { pages, patched };
  } finally {
    await doc.destroy();
  }
}

describe('openPdf readOnly', () => {
  it('reads the same facts with the standard 14 fonts (the sample, a generated filing)', async () => {
    for (const bytes of [new Uint8Array(readFileSync(sample)), await makeFiling({ pages: 2, leak: true })]) await expectSameFacts(bytes);
  });
});

describeCorpus('openPdf readOnly on real filings', () => {
  it('reads the same facts with embedded subset fonts (TrueType, CID)', async () => {
    for (const name of ['19_pins_redacted_applied.pdf', '05_xray_multi_line_redaction_ok.pdf']) await expectSameFacts(new Uint8Array(readFileSync(corpusFile(name))));
  });
});

async function expectSameFacts(bytes: Uint8Array): Promise<void> {
  const drawn = await factsOf(bytes, false);
  const read = await factsOf(bytes, true);
  expect(read.patched).toBe(true);
  expect(drawn.patched).toBe(false);
  expect(read.pages).toEqual(drawn.pages);
  expect(read.pages.flatMap((p) => p.glyphs).length).toBeGreaterThan(50);
}
