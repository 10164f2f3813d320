import { afterEach, describe, expect, it } from 'vitest';
import { formatDuration, ProgressReporter } from '../../src/cli/batch-progress.js';
import type { BatchInput } from '../../src/batch/discover.js';
import type { IndexEntry } from '../../src/batch/index-file.js';
import { buildIndex } from '../../src/batch/index-file.js';
import { LEAK_KINDS } from '../../src/report-types.js';
import type { ReportSummary } from '../../src/report/schema.js';

const input = (rel: string, bytes = 1000): BatchInput => ({ file: `/in/${rel}`, rel, bytes, outBase: rel.replace(/\.pdf$/, '') });
const counts = { total: 1, readable: 1, partial: 0, redacted: 0, unread: 0 };
const summary: ReportSummary = {
  pages: 2,
  pagesUnread: 0,
  redactions: 3,
  redactionsBySource: { vector: 3, annotation: 0, raster: 0 },
  redactionsByStyle: { solid: 3, white: 0, outline: 0, marker: 0 },
  redactionsByCategory: {},
  leaks: 1,
  leaksByKind: Object.fromEntries(LEAK_KINDS.map((k) => [k, k === 'text-under-box' ? 1 : 0])) as ReportSummary['leaksByKind'],
  notices: 0,
  warnings: 0,
  sections: { topLevel: counts, all: counts },
};
const ok = (rel: string): IndexEntry => ({
  path: rel, status: 'ok', error: null, code: null, bytes: 1000, sha256: 'a'.repeat(64), report: 'x.json', markdown: null, overlays: null, html: null, textSource: 'text-layer', summary, warnings: [],
});
const bad = (rel: string): IndexEntry => ({
  path: rel, status: 'error', error: 'not a PDF (no %PDF- header)', code: 'not-pdf', bytes: 10, sha256: null, report: null, markdown: null, overlays: null, html: null, textSource: null, summary: null, warnings: [],
});

let reporters: ProgressReporter[] = [];
afterEach(() => {
  for (const r of reporters) r.finish({ index: buildIndex([]), elapsedMs: 0, resumed: 0, interrupted: false });
  reporters = [];
});

function make(tty: boolean) {
  let t = 1_000_000;
  let text = '';
  const r = new ProgressReporter({ write: (s) => (text += s), tty, now: () => t, columns: () => 100, outDir: 'out/' });
  reporters.push(r);
  return { r, advance: (ms: number) => (t += ms), text: () => text };
}

describe('batch progress', () => {
  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(42_400)).toBe('0:42');
    expect(formatDuration(725_000)).toBe('12:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });

  it('plain lines when stderr is not a terminal: done of total, file, elapsed and remaining', () => {
    const { r, advance, text } = make(false);
    r.start({ total: 3, resumed: 1, ignored: 2, unreadable: [], bytesToDo: 2000 });
    r.fileStarted(input('a.pdf'));
    advance(10_000);
    r.fileFinished(input('a.pdf'), ok('a.pdf'));
    r.fileStarted(input('b.pdf', 1000));
    advance(2_000);
    r.fileFinished(input('b.pdf'), bad('b.pdf'));
    r.finish({ index: buildIndex([ok('a.pdf'), bad('b.pdf'), ok('c.pdf')]), elapsedMs: 12_000, resumed: 1, interrupted: false });
    expect(text().split('\n')).toEqual([
      'redactmap batch: 3 PDFs found, 1 already done (--resume), 2 other files ignored',
      '[2/3] ok     a.pdf (2 pages, 3 redactions, 1 leak)  0:10 elapsed, ~0:10 left',
      '[3/3] error  b.pdf: not a PDF (no %PDF- header)  0:12 elapsed',
      'redactmap batch: 3 files in 0:12 (2 ok, 1 failed, 1 resumed); 4 pages, 6 redactions, 2 leaks. Index: out/index.json',
      '',
    ]);
    expect(text()).not.toContain('\r');
  });

  it('a bar redrawn in place on a terminal, failures printed above it', () => {
    const { r, advance, text } = make(true);
    r.start({ total: 4, resumed: 0, ignored: 0, unreadable: [], bytesToDo: 4000 });
    r.fileStarted(input('a.pdf'));
    advance(600);
    r.filePages(input('a.pdf'), 1, 2);
    // half of a.pdf's bytes in 0.6 s, 3500 bytes to go: 4.2 s left
    expect(text()).toMatch(/\r\x1b\[2K\[░{20}\] 0\/4 {2}0:01 elapsed, ~0:04 left {2}a\.pdf p1\/2$/);
    advance(400);
    r.fileFinished(input('a.pdf'), bad('a.pdf'));
    expect(text()).toContain('\r\x1b[2K  ✗ a.pdf: not a PDF (no %PDF- header)\n');
    advance(1000);
    r.fileStarted(input('b.pdf'));
    advance(200);
    r.fileFinished(input('b.pdf'), ok('b.pdf'));
    expect(text()).toMatch(/\[█{10}░{10}\] 2\/4 {2}0:02 elapsed, ~0:02 left\s*$/);
    r.finish({ index: buildIndex([bad('a.pdf'), ok('b.pdf')]), elapsedMs: 2200, resumed: 0, interrupted: false });
    expect(text().endsWith('\r\x1b[2Kredactmap batch: 2 files in 0:02 (1 ok, 1 failed); 2 pages, 3 redactions, 1 leak. Index: out/index.json\n')).toBe(true);
  });

  it('says how to go on after an interruption', () => {
    const { r, text } = make(false);
    r.start({ total: 10, resumed: 0, ignored: 0, unreadable: [], bytesToDo: 10 });
    r.finish({ index: buildIndex([]), elapsedMs: 65_000, resumed: 0, interrupted: true });
    expect(text()).toContain('redactmap batch: interrupted after 1:05; 0 of 10 files done. Run again with --resume to finish.');
  });
});
