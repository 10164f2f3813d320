/**
 * Pages nobody read are not redacted: a page with ink but no text source (OCR off, OCR failed,
 * OCR found nothing) is `unread`, and so are the sections whose extent lies on it.
 */
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { OcrPool } from '../src/scan/ocr-pool.js';
import { formatMarkdown } from '../src/output/markdown.js';
import { formatSummary } from '../src/output/terminal.js';
import { makeScannedFiling } from './batch/make-pdfs.js';
import { makeDocument, parentsOnlyLines } from './text/make-outline-pdfs.js';

/** One scanned page (150 dpi) holding a dark disc and a grey panel: ink, but no text. */
async function picturePage(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const s = 150 / 72;
  const canvas = createCanvas(Math.round(612 * s), Math.round(792 * s));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#333';
  ctx.beginPath();
  ctx.arc(306 * s, 300 * s, 120 * s, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#888';
  ctx.fillRect(100 * s, 500 * s, 400 * s, 150 * s);
  const png = await doc.embedPng(await canvas.encode('png'));
  doc.addPage([612, 792]).drawImage(png, { x: 0, y: 0, width: 612, height: 792 });
  doc.addPage([612, 792]); // and a blank page: nothing to read, nothing unread
  return doc.save({ useObjectStreams: false });
}

/** The generated agreement (3 pages) with a scanned page put in after its first page. */
async function mixed(): Promise<Uint8Array> {
  const text = await PDFDocument.load(await makeDocument(parentsOnlyLines()));
  const scan = await PDFDocument.load(await makeScannedFiling({ pages: 1 }));
  const out = await PDFDocument.create({ updateMetadata: false });
  const [p1, p2, p3] = await out.copyPages(text, [0, 1, 2]);
  const [s1] = await out.copyPages(scan, [0]);
  for (const p of [p1, s1, p2, p3]) out.addPage(p);
  return out.save({ useObjectStreams: false });
}

describe('--ocr never on a scan', () => {
  it('reports the pages unread (ocr-off) and their sections unread, not redacted', async () => {
    const r = await analyze(await makeScannedFiling({ pages: 2 }), { ocr: 'never', path: 'scan.pdf' });
    expect(r.pages.map((p) => [p.textSource, p.unread])).toEqual([
      ['none', 'ocr-off'],
      ['none', 'ocr-off'],
    ]);
    expect(r.summary.pagesUnread).toBe(2);
    // the burned-in boxes are still found, but the text around them was never read
    expect(r.summary.redactions).toBeGreaterThanOrEqual(2);
    expect(r.sections.length).toBeGreaterThan(0);
    expect(r.sections.every((s) => s.status === 'unread')).toBe(true);
    expect(r.summary.sections.topLevel.unread).toBe(r.summary.sections.topLevel.total);
    expect(formatSummary(r)).toContain('2 pages not read: run with --ocr auto');
    expect(formatMarkdown(r)).toContain('**2 pages not read: run with --ocr auto**');
  });

  it('marks unread only the sections in effect on the scanned page of a mixed filing', async () => {
    const r = await analyze(await mixed(), { ocr: 'never', path: 'mixed.pdf' });
    expect(r.pages.map((p) => p.unread ?? null)).toEqual([null, 'ocr-off', null, null]);
    const status = Object.fromEntries(r.sections.map((s) => [s.title.split(' ').slice(0, 2).join(' '), [s.status, s.pageStart, s.pageEnd]]));
    expect(status).toMatchObject({
      'I. PURPOSE': ['readable', 1, 1],
      // B. runs on until page 3's first heading: the scanned page 2 is in its extent
      'B. Duties': ['unread', 1, 2],
      'II. RESPONSIBILITIES': ['unread', 1, 2],
      'III. SECURITY': ['partial', 3, 3],
      'IV. TERM': ['readable', 3, 4],
    });
    expect(formatSummary(r)).toContain('1 page not read (p2): run with --ocr auto');
  });

  it('makes one unread section of a scan with nothing else found', async () => {
    const r = await analyze(await picturePage(), { ocr: 'never', path: 'picture.pdf' });
    expect(r.pages.map((p) => p.unread ?? null)).toEqual(['ocr-off', null]);
    expect(r.sections.map((s) => [s.title, s.status, s.pageStart, s.pageEnd])).toEqual([['Page 1 not read', 'unread', 1, 1]]);
  });
});

describe('OCR that reads nothing', () => {
  let dead: OcrPool;
  beforeAll(async () => {
    dead = await OcrPool.create(1);
    await dead.terminate();
  });
  afterAll(async () => dead.terminate());

  it('is no-text-found on a page with ink, and nothing on a blank page', async () => {
    const r = await analyze(await picturePage(), { jobs: 1, path: 'picture.pdf' });
    // the blank page draws nothing: it is neither rendered nor OCRed (text-plan.ts), and not unread
    expect(r.pages.map((p) => [p.textSource, p.unread ?? null])).toEqual([
      ['ocr', 'no-text-found'],
      ['none', null],
    ]);
    expect(r.sections.map((s) => s.status)).toEqual(['unread']);
    expect(formatSummary(r)).toContain('1 page not read (p1): OCR found no text on them');
  });

  it('is ocr-failed, with a warning, when OCR fails; the file is still analysed', async () => {
    const r = await analyze(await makeScannedFiling({ pages: 1 }), { ocrPool: dead, path: 'scan.pdf' });
    expect(r.pages.map((p) => [p.textSource, p.unread])).toEqual([['none', 'ocr-failed']]);
    expect(r.warnings).toEqual([{ page: 1, what: 'page text (OCR)', why: 'OCR failed: OCR pool is terminated' }]);
    expect(r.sections.every((s) => s.status === 'unread')).toBe(true);
  });
});
