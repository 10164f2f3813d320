import { afterEach, describe, expect, it } from 'vitest';
import { cutMiddle, formatDuration, ProgressReporter } from '../../src/cli/batch-progress.js';
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
      '[2/3] LEAKS  a.pdf (2 pages, 3 redactions, 1 leak)  0:10 elapsed, ~0:10 left',
      '[3/3] error  b.pdf: not a PDF (no %PDF- header)  0:12 elapsed',
      'redactmap batch: 3 files in 0:12 (2 ok, 1 failed, 1 resumed); 4 pages, 6 redactions, 2 leaks. Index: out/index.json',
      '',
    ]);
    expect(text()).not.toContain('\r');
  });

  it('a bar on a terminal counts pages and names the stage; each result is printed above it', () => {
    const { r, advance, text } = make(true);
    r.start({ total: 3, resumed: 0, ignored: 0, unreadable: [], bytesToDo: 3000 });
    r.fileStarted(input('a.pdf'));
    advance(1000);
    r.filePages(input('a.pdf'), 2, 2, 'reading');
    r.fileFinished(input('a.pdf'), ok('a.pdf'));
    // a result line above the bar; leaks are flagged
    expect(text()).toContain('\r\x1b[2K  ! a.pdf  2 pages, 3 redactions, 1 LEAK\n');
    r.fileStarted(input('b.pdf'));
    r.filePages(input('b.pdf'), 1, 4, 'scanning');
    advance(500);
    r.filePages(input('b.pdf'), 2, 4, 'scanning');
    // 2 + 2 pages done; 2 + 4 known; c.pdf estimated from a.pdf's pages per byte
    expect(text()).toMatch(/\r\x1b\[2K\[[█░]{20}\] 4\/~8 pages · 1\/3 files · 0:02 elapsed, ~\d:\d\d left {2}scanning p2\/4 b\.pdf$/);
    r.fileFinished(input('b.pdf'), bad('b.pdf'));
    expect(text()).toContain('  ✗ b.pdf: not a PDF (no %PDF- header)\n');
    r.finish({ index: buildIndex([ok('a.pdf'), bad('b.pdf')]), elapsedMs: 2200, resumed: 0, interrupted: false });
    expect(text().endsWith('\r\x1b[2Kredactmap batch: 2 files in 0:02 (1 ok, 1 failed); 2 pages, 3 redactions, 1 leak. Index: out/index.json\n')).toBe(true);
  });

  it('scanned pages weigh more: the time left follows the measured rate and converges', () => {
    const { r, advance, text } = make(true);
    const files = 8;
    r.start({ total: files, resumed: 0, ignored: 0, unreadable: [], bytesToDo: files * 1000 });
    const lefts: number[] = [];
    for (let i = 0; i < files; i++) {
      const f = input(`f${i}.pdf`);
      r.fileStarted(f);
      // 2 text pages (1 s each), then 3 scanned pages (10 s each): 32 s a file
      r.filePages(f, 2, 5, 'scanning');
      for (let p = 3; p <= 5; p++) {
        advance(p === 3 ? 12_000 : 10_000);
        r.filePages(f, p, 5, 'scanning');
        const m = /~(\d+):(\d\d) left/.exec(text().slice(text().lastIndexOf('\r')));
        if (m && i > 0) lefts.push(Number(m[1]) * 60 + Number(m[2]));
      }
      r.fileFinished(f, { ...ok(f.rel), summary: { ...summary, pages: 5 } });
    }
    // the truth after file i, page p: the rest of this file plus the files after it
    const truth: number[] = [];
    for (let i = 1; i < files; i++) for (let p = 3; p <= 5; p++) truth.push((5 - p) * 10 + (files - 1 - i) * 32);
    lefts.forEach((l, k) => expect(Math.abs(l - truth[k]), `estimate ${k}: ${l} s, truth ${truth[k]} s`).toBeLessThanOrEqual(Math.max(3, truth[k] * 0.1)));
  });

  it('fits 80 columns, cuts long names in the middle, and leaves no stale line when the terminal narrows', () => {
    let cols = 80;
    let t = 0;
    let out = '';
    const r = new ProgressReporter({ write: (s) => (out += s), tty: true, now: () => t, columns: () => cols });
    reporters.push(r);
    const long = input(`docket/${'very-long-folder-name/'.repeat(4)}exhibit-12-final.pdf`);
    r.start({ total: 2, resumed: 0, ignored: 0, unreadable: [], bytesToDo: 2000 });
    r.fileStarted(long);
    t += 2000;
    r.filePages(long, 3, 10, 'scanning');
    const bar = out.slice(out.lastIndexOf('\r\x1b[2K') + 5);
    expect([...bar].length).toBeLessThanOrEqual(79);
    expect(bar).toContain('…');
    expect(bar).toMatch(/ docket\/\S*…\S*\.pdf$/);
    expect(cutMiddle('abcdefghij', 5)).toBe('ab…ij');
    // the terminal narrows to 30 columns: the old bar has wrapped onto 3 rows; go up 2 and clear below
    cols = 30;
    t += 1000;
    r.filePages(long, 4, 10, 'scanning');
    expect(out).toContain(`\x1b[${Math.ceil([...bar].length / 30) - 1}A\r\x1b[J`);
    expect([...out.slice(out.lastIndexOf('\x1b[J') + 3)].length).toBeLessThanOrEqual(29);
  });

  it('says how to go on after an interruption', () => {
    const { r, text } = make(false);
    r.start({ total: 10, resumed: 0, ignored: 0, unreadable: [], bytesToDo: 10 });
    r.finish({ index: buildIndex([]), elapsedMs: 65_000, resumed: 0, interrupted: true });
    expect(text()).toContain('redactmap batch: interrupted after 1:05; 0 of 10 files done. Run again with --resume to finish.');
  });
});
