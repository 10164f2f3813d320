/**
 * The real filings gain no leak from the checks beyond the page: none of the 19 shows a leak of a
 * forensic kind, the born-digital ones keep exactly their leaks (only 02 leaks), and the notices
 * are the true ones (33's incremental update, no revision in a linearized file, measurable widths
 * in the born-digital redactions).
 */
import { readdirSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import type { Report } from '../../src/report/schema.js';
import { corpusDir, corpusFile, describeCorpus, hasCorpus } from '../helpers/corpus.js';

/** Leak kinds the page's redaction boxes produce (not new here). */
const BOX_KINDS = new Set(['text-under-box', 'unapplied-annotation', 'image-under-box']);
const BORN_DIGITAL = ['02', '05', '06', '07', '10', '11', '12', '17', '18', '19'];

const reports = new Map<string, Report>();
const byPrefix = (p: string) => [...reports.entries()].find(([name]) => name.startsWith(p))![1];

describeCorpus('corpus: leak forensics', () => {
  beforeAll(async () => {
    const names = hasCorpus ? readdirSync(corpusDir!).filter((n) => n.endsWith('.pdf')).sort() : [];
    for (const name of names) reports.set(name, await analyze(corpusFile(name)));
  }, 1_800_000);

  it('reads all 19 filings', () => {
    expect(reports.size).toBe(19);
  });

  it('no filing shows a leak of a kind beyond the redaction boxes', () => {
    const found = [...reports].flatMap(([name, r]) => r.leaks.filter((l) => !BOX_KINDS.has(l.kind)).map((l) => `${name}: ${l.kind} "${l.text}"`));
    expect(found).toEqual([]);
  });

  it('the born-digital filings keep exactly their leaks: only 02 leaks', () => {
    for (const p of BORN_DIGITAL) expect(byPrefix(p).leaks.length, p).toBe(p === '02' ? 3 : 0);
  });

  it('no white-out redaction is found where none is (every corpus box is dark, or burned in)', () => {
    for (const [name, r] of reports) {
      const light = r.pages.flatMap((p) => p.redactions).filter((x) => x.source !== 'raster' && x.style === 'white');
      expect(light, name).toEqual([]);
    }
  });

  it('notices: 33 was saved twice; linearized 08 and 27 once; measurable widths in 05, 06, 07 and 19', () => {
    expect(byPrefix('33').notices.filter((n) => n.kind === 'revisions')).toEqual([expect.objectContaining({ count: 2 })]);
    for (const p of ['08', '27']) expect(byPrefix(p).notices.filter((n) => n.kind === 'revisions'), p).toEqual([]);
    for (const p of ['05', '06', '07', '19']) expect(byPrefix(p).notices.some((n) => n.kind === 'width-measurable'), p).toBe(true);
    for (const [name, r] of reports) expect(r.notices.filter((n) => n.kind === 'attachment' || n.kind === 'javascript'), name).toEqual([]);
  });
});
