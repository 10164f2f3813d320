/**
 * A small deterministic fuzz run (scripts/fuzz/run.ts), as CI runs it: 60 mutants of the born-
 * digital sample, two generated filings and, with the corpus, four small real filings; every run
 * must end in a report or a clean failure: no crash, no hang, no `internal`, nothing over the
 * memory ceiling. (`npm run fuzz -- --n 1000` runs the large set.)
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runFuzz, summarise, type FuzzSource } from '../../scripts/fuzz/run.js';
import { makeFiling } from '../batch/make-pdfs.js';
import { corpusFile, hasCorpus } from '../helpers/corpus.js';
import { rotatedPages } from './make-hostile.js';

const CORPUS_SOURCES = ['02_xray_rectangles_yes.pdf', '07_xray_ok_words.pdf', '12_xray_rectangles_no_control.pdf', '19_pins_redacted_applied.pdf'];

async function sources(): Promise<FuzzSource[]> {
  const out: FuzzSource[] = [
    { name: 'mou-redacted.pdf', bytes: new Uint8Array(readFileSync('samples/mou-redacted.pdf')) },
    { name: 'filing.pdf', bytes: await makeFiling({ pages: 2, leak: true, seed: 11 }) },
    { name: 'rotated.pdf', bytes: await rotatedPages() },
  ];
  if (hasCorpus) for (const name of CORPUS_SOURCES) out.push({ name, bytes: new Uint8Array(readFileSync(corpusFile(name))) });
  return out;
}

describe('fuzz: 60 mutants', () => {
  it('every mutant ends in a report or a clean failure', async () => {
    const runs = await runFuzz({ n: 60, seed: 20251201, sources: await sources(), jobs: 2, timeoutSeconds: 60, ocr: 'never' });
    const s = summarise(runs);
    const defects = s.defects.map((d) => `${d.cls}: ${d.source} #${d.index} (${d.mutator}: ${d.what}): ${d.code ?? ''} ${d.message ?? ''}`);
    expect(defects).toEqual([]);
    expect(s.byClass.report + s.byClass.failure).toBe(60);
    // the mutations do damage: some files fail, most still give a report
    expect(s.byClass.failure).toBeGreaterThan(0);
    expect(s.byClass.report).toBeGreaterThan(20);
  }, 300_000);
});
