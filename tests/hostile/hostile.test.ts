/**
 * Crafted hostile files, generated here (tests/hostile/make-hostile.ts; nothing big is committed):
 * each ends in a report that says what it skipped, or in a clean failure with its own reason, in
 * bounded memory and time. Bombs run in a worker process (analyzeIsolated) under a memory ceiling;
 * the rest run in-process. (Workers run from the TypeScript sources here, under tsx, which costs
 * them about 200 MiB more than from dist/: the ceilings below leave room for it.)
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { analyzeIsolated } from '../../src/batch/isolated.js';
import { LOCK_FILE, runBatch } from '../../src/batch/run-batch.js';
import { main } from '../../src/cli/main.js';
import { makeFiling } from '../batch/make-pdfs.js';
import * as make from './make-hostile.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const f = path.join(tmp, name);
  writeFileSync(f, bytes);
  return f;
}

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), color: false, stderrTty: false });
  return { code, stdout, stderr };
}

const noStackTrace = (s: string) => expect(s).not.toMatch(/\n\s+at |Exception in/);

describe('bombs: bounded by the memory ceiling and the time limit', () => {
  it('a 2.5 GB Flate bomb in a 6 KB file fails as too-large or timeout, never past the ceiling', async () => {
    const f = file('flate-bomb.pdf', await make.flateBomb(2.5e9));
    const err = await analyzeIsolated(f, { maxMemoryMb: 768, timeoutSeconds: 20, ocr: 'never' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: expect.stringMatching(/^(too-large|timeout)$/), file: f });
    expect((err as Error).message).not.toContain('\n');
  });

  it('a 48,000 x 48,000 image is not decoded: a warning, and the page it filled is unread', async () => {
    const f = file('image-bomb.pdf', await make.imageBomb(48_000));
    const { report, peakRss } = await analyzeIsolated(f, { maxMemoryMb: 1024 });
    expect(report.warnings).toEqual([{ page: 1, what: 'an image', why: 'larger than the image size limit (maxImagePixels)' }]);
    expect(report.pages[0]).toMatchObject({ textSource: 'none', unread: 'skipped' });
    expect(peakRss).toBeLessThan(1024 * 1024 * 1024);
  });

  it('a 48,000 x 48,000 image on a scanned page: the page is still rendered and searched, without it (a warning, not a failure)', async () => {
    const f = file('image-bomb-on-scan.pdf', make.imageBombOnScan(48_000));
    const { report, peakRss } = await analyzeIsolated(f, { maxMemoryMb: 1024, ocr: 'never' });
    expect(report.warnings).toEqual([{ page: 1, what: 'an image', why: 'larger than the image size limit (maxImagePixels)' }]);
    // the scan's dark bars are found in the render: the page was drawn, the large image left out
    expect(report.pages[0].redactions.length).toBeGreaterThan(0);
    expect(report.pages[0].redactions.every((r) => r.source === 'raster')).toBe(true);
    expect(peakRss).toBeLessThan(1024 * 1024 * 1024);
  });

  it('the review page and overlays of a file with a 48,000 x 48,000 image are drawn without it, within the memory ceiling', async () => {
    const f = file('image-bomb-drawn.pdf', make.imageBombOnScan(48_000));
    const overlaysDir = path.join(tmp, 'image-bomb-overlays');
    const r = await analyzeIsolated(f, { maxMemoryMb: 1024, ocr: 'never', overlaysDir, html: true });
    expect(r.report.warnings).toEqual([{ page: 1, what: 'an image', why: 'larger than the image size limit (maxImagePixels)' }]);
    expect({ overlayError: r.overlayError, htmlError: r.htmlError }).toEqual({ overlayError: undefined, htmlError: undefined });
    expect(r.html).toContain('<html');
    expect(readdirSync(overlaysDir)).toEqual(['page-001.png']);
    expect(r.peakRss).toBeLessThan(1024 * 1024 * 1024);
  });

  it('10 M operators on one page: the page is skipped and says why (or the file is too large), never a crash', async () => {
    const f = file('operators.pdf', make.operatorFlood(10_000_000));
    const r = await analyzeIsolated(f, { ocr: 'never' }).catch((e: Error) => e);
    if (r instanceof Error) expect(r).toMatchObject({ code: 'too-large' });
    else {
      expect(r.report.pages[0].unread).toBe('skipped');
      expect(r.report.warnings[0]).toEqual({ page: 1, what: 'the whole page', why: '10,000,006 operators, over the limit of 1,000,000 (maxOperatorsPerPage)' });
    }
  });

  it('the operator limit is a setting: a page just over it is skipped, the others read', async () => {
    const flood = make.operatorFlood(3000);
    const report = await analyze(flood, { maxOperatorsPerPage: 2000, ocr: 'never' });
    expect(report.summary.pagesUnread).toBe(1);
    expect((await analyze(flood, { ocr: 'never' })).pages[0].text).toBe('Operator flood');
  });
});

describe('structures that recurse or repeat', () => {
  it('forms nested 1,000 deep: what lies deeper than the limit is a warning, never "0 redactions" in silence', async () => {
    const report = await analyze(make.deepNesting(1000), { ocr: 'never' });
    expect(report.warnings.map((w) => w.what)).toContain('content nested in form XObjects');
    expect(report.warnings.every((w) => w.page === 1)).toBe(true);
    // within the limit the box is found and the text under it leaks
    const shallow = await analyze(make.deepNesting(40), { ocr: 'never' });
    expect(shallow.warnings).toEqual([]);
    expect(shallow.leaks.map((l) => l.text)).toEqual(['SECRET NAME']);
  });

  it('on the command line: exit 0, one warning line naming the file, no stack trace', async () => {
    const f = file('nested.pdf', make.deepNesting(1000));
    const r = await cli('analyze', f, '--ocr', 'never');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`redactmap: warning: ${f}: page 1: content nested in form XObjects skipped: nested deeper than 64 form XObjects (maxFormDepth)`);
    noStackTrace(r.stderr);
  });

  it('self-referencing forms are read once, with warnings; the box after them is found', async () => {
    const report = await analyze(make.selfReferencingForms(), { ocr: 'never' });
    expect(report.warnings.length).toBeGreaterThan(0);
    expect(report.summary.redactions).toBe(1);
  });

  it('12,000 identical rectangles are one redaction', async () => {
    const report = await analyze(make.identicalRectangles(12_000), { ocr: 'never' });
    expect(report.summary.redactions).toBe(1);
    expect(report.pages[0].redactions[0].parts).toHaveLength(12_000);
  });

  it('damaged numbers: the objects they place are left out with a warning; the rest is read', async () => {
    const report = await analyze(make.absurdNumbers(), { ocr: 'never' });
    expect(report.warnings).toEqual([{ page: 1, what: '8 drawn objects', why: 'coordinates not finite or beyond any page (damaged numbers)' }]);
    expect(report.pages[0].text).toBe('Ordinary text stays.\n[REDACTED]');
  });

  it('5,000 blank tiny pages are read without rendering or OCR', async () => {
    const report = await analyze(await make.manyBlankPages(5000));
    expect(report.summary.pages).toBe(5000);
    expect(new Set(report.pages.map((p) => p.textSource))).toEqual(new Set(['none']));
    expect(report.summary.pagesUnread).toBe(0);
  });

  it('pages at the limits of the format are read, not refused', async () => {
    const report = await analyze(make.hugePages(), { ocr: 'never' });
    expect(report.pages.map((p) => p.text)).toEqual(['[REDACTED]\nHuge page', '[REDACTED]\nUser unit page', '[REDACTED]\nAbsurd media box']);
  });
});

describe('rotated text reads in its own direction', () => {
  it('sideways, upside-down and rotated-page text: page text, leaks and sections', async () => {
    const report = await analyze(await make.rotatedPages(), { ocr: 'never' });
    const [a, b, c] = make.ROTATED_LINES;
    for (const p of report.pages.slice(0, 3)) expect(p.text).toBe(`${a}\n${b}\n[REDACTED] witnessed it`);
    expect(report.pages[3].text).toBe(`${a}\n${b}\n${c}\nCase 1:20-cv-00123 Document 45 Filed 01/02/20 Page 4 of 9`);
    expect(report.leaks.map((l) => [l.page, l.text])).toEqual([
      [1, 'JOHN DOE'],
      [2, 'JOHN DOE'],
      [3, 'JOHN DOE'],
    ]);
    expect(report.sections[0].title).toBe(a);
    // the heading box is on the displayed page (page 1 is turned: 792 wide), along the text running down
    const [x0, y0, x1, y1] = report.sections[0].headingBBox!;
    expect(x1 - x0).toBeLessThan(20);
    expect(y1 - y0).toBeGreaterThan(150);
    expect(x1).toBeLessThanOrEqual(report.pages[0].width);
  });
});

describe('passwords, links and locks', () => {
  const owner = path.join('tests', 'fixtures', 'encrypted-owner-password.pdf');

  it('a file with only an owner password opens whatever --password is given', async () => {
    expect((await analyze(owner, { password: 'wrong' })).pages).toHaveLength(1);
    const user = path.join('tests', 'fixtures', 'encrypted-user-password.pdf');
    await expect(analyze(user, { password: 'wrong' })).rejects.toMatchObject({ code: 'needs-password', message: 'encrypted PDF: the password is wrong' });
  });

  it('a symbolic link loop is said to be one: on the command line and in a batch index', async () => {
    const dir = path.join(tmp, 'links');
    mkdirSync(dir);
    const loop = path.join(dir, 'loop.pdf');
    symlinkSync(loop, loop);
    writeFileSync(path.join(dir, 'ok.pdf'), readFileSync(owner));
    const r = await cli('analyze', loop);
    expect(r).toMatchObject({ code: 1, stderr: `redactmap: ${loop}: symbolic link loop (ELOOP)\n` });
    const result = await runBatch(dir, { out: path.join(tmp, 'links-out'), jobs: 1, settings: { password: 'wrong' } });
    expect(result.index.files.map((e) => [e.path, e.status, e.code, e.error])).toEqual([
      ['loop.pdf', 'error', 'not-found', 'symbolic link loop (ELOOP)'],
      ['ok.pdf', 'ok', null, null],
    ]);
  });

  it('--resume right after a kill: a lock owned by a zombie is taken over', async () => {
    if (process.platform !== 'linux') return;
    const dir = path.join(tmp, 'resume');
    const out = path.join(tmp, 'resume-out');
    mkdirSync(dir);
    mkdirSync(out);
    writeFileSync(path.join(dir, 'a.pdf'), await makeFiling({ pages: 1, seed: 3 }));
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const zombie = await new Promise<number>((resolve) => parent.stdout.once('data', (d: Buffer) => resolve(Number(d.toString().trim()))));
      for (let i = 0; i < 100 && !/\) Z /.test(readFileSync(`/proc/${zombie}/stat`, 'utf8')); i++) await new Promise((r) => setTimeout(r, 20));
      writeFileSync(path.join(out, LOCK_FILE), `${zombie}\n`);
      const result = await runBatch(dir, { out, jobs: 1, resume: true });
      expect(result.index.totals.ok).toBe(1);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
