/// <reference lib="dom" />
/**
 * The review page in a real browser (Chromium through playwright-core): what a person sees on the
 * shipped sample and on a scan — the verdict and leak texts, every section title, one decoded
 * picture per page, marks where the report puts them (in pixels, from a screenshot), keyboard
 * navigation, the print layout — and nothing broken: no "NaN"/"undefined", no console error, no
 * request leaving the file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodePng } from '../helpers/browser.js';
import { analyze } from '../../src/analyze.js';
import { reviewHtml } from '../../src/output/review.js';
import { REVIEW_COLORS } from '../../src/output/html/style.js';
import { leakBox } from '../../src/output/html/pages.js';
import type { Report } from '../../src/report/schema.js';
import { makeFiling, makeScannedFiling } from '../batch/make-pdfs.js';
import { main } from '../../src/cli/main.js';
import { mkdirSync } from 'node:fs';
import { describeBrowser, launchBrowser, openFile, type Browser } from '../helpers/browser.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-review-'));
const SAMPLE = 'samples/mou-redacted.pdf';
let browser: Browser;
let sample: Report;
let sampleFile: string;

afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describeBrowser('review page in Chromium', () => {
  beforeAll(async () => {
    sample = await analyze(SAMPLE);
    sampleFile = path.join(tmp, 'sample.html');
    writeFileSync(sampleFile, await reviewHtml(SAMPLE, sample));
    browser = await launchBrowser();
  }, 300_000);

  it('shows the verdict, every leak text and every section title, with nothing broken', async () => {
    const { page, problems } = await openFile(browser, sampleFile);
    const text = await page.evaluate(() => document.body.innerText);
    expect(text).toContain('3 leaks found');
    for (const leak of sample.leaks) expect(await page.locator('#leaks .leaked', { hasText: leak.text }).isVisible()).toBe(true);
    const titles = await page.locator('nav.toc a .t').allTextContents();
    expect(titles).toEqual(sample.sections.map((s) => s.title.replace(/\s+/g, ' ').trim()));
    // the markup too, pictures aside (base64 may spell anything)
    const html = (await page.content()).replace(/data:image\/webp;base64,[A-Za-z0-9+/=]+/g, '');
    expect(text).not.toMatch(/\bNaN\b|\bundefined\b|\[object /);
    expect(html).not.toMatch(/NaN|undefined/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('has one decoded picture per page, each with alt text, and landmarks', async () => {
    const { page, problems } = await openFile(browser, sampleFile);
    const pics = page.locator('section.page figure.sheet img');
    expect(await pics.count()).toBe(sample.pages.length);
    for (let i = 0; i < sample.pages.length; i++) {
      const img = pics.nth(i);
      await img.scrollIntoViewIfNeeded();
      await expect.poll(() => img.evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth > 0)).toBe(true);
      expect(await img.getAttribute('alt')).toMatch(new RegExp(`^Page ${i + 1} of ${sample.pages.length} as rendered`));
    }
    expect(await page.locator('header.top').count()).toBe(1);
    expect(await page.locator('nav[aria-label="Sections"]').count()).toBe(1);
    expect(await page.locator('main#main').count()).toBe(1);
    // every picture is legible: at least 1.3 screen pixels per PDF point at this window size
    const width = await pics.first().evaluate((e) => e.getBoundingClientRect().width);
    expect(width / sample.pages[0].width).toBeGreaterThan(1.3);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws each mark where the report puts it, outside its box, with a tooltip on focus', async () => {
    const { page } = await openFile(browser, sampleFile);
    const p = sample.pages[1];
    const img = page.locator('#page-2 figure.sheet img');
    await img.scrollIntoViewIfNeeded();
    await expect.poll(() => img.evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth > 0)).toBe(true);
    const box = (await img.boundingBox())!;
    const k = box.width / p.width;
    const shot = await decodePng(await img.screenshot());
    const at = (x: number, y: number) => shot.at(Math.round(x * k), Math.round(y * k));
    const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
    const near = (a: number[], b: number[], tol = 40) => a.every((v, i) => Math.abs(v - b[i]) <= tol);
    const leak = sample.leaks.find((l) => l.page === 2)!;
    for (const r of p.redactions.filter((r) => r.id !== leak.redactionId)) {
      // the outline runs 1 to 3 px outside the box (each line box of a multi-line one): the box's
      // own pixels stay as the page shows them
      for (const part of r.parts ?? [r.bbox]) {
        const midY = (part[1] + part[3]) / 2;
        expect(near(shot.at(Math.round(part[0] * k) - 2, Math.round(midY * k)), hex(REVIEW_COLORS.vector)), `${r.id} outline`).toBe(true);
        // (just inside the left edge: a white label may stand in the middle)
        expect(near(at(part[0] + 3, midY), [0, 0, 0], 60), `${r.id} inside`).toBe(true);
      }
    }
    // the leak is filled red (over a black box: dark red)
    const lb = leakBox(leak, p)!;
    const [r, g, b] = at((lb[0] + lb[2]) / 2 - 20, (lb[1] + lb[3]) / 2);
    expect(r).toBeGreaterThan(g + 25);
    expect(r).toBeGreaterThan(b + 25);
    // focus moves to a mark with Tab; its tooltip opens beside the box, not over it
    const mark = page.locator('#page-2 .mark[tabindex="0"]').first();
    await mark.focus();
    const tip = mark.locator('.tip');
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toMatch(/^p2-r1: .*words? hidden|^p2-r1: .*less than a word hidden/);
    const [mb, tb] = [(await mark.boundingBox())!, (await tip.boundingBox())!];
    expect(tb.y >= mb.y + mb.height || tb.y + tb.height <= mb.y).toBe(true);
    await page.close();
  });

  it('moves by keyboard: j/k pages, l leaks; prints one page per sheet without the sidebar', async () => {
    const { page, problems } = await openFile(browser, sampleFile);
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
    await page.keyboard.press('j');
    expect(await focused()).toBe('page-1-h');
    await page.keyboard.press('j');
    expect(await focused()).toBe('page-2-h');
    await page.keyboard.press('k');
    expect(await focused()).toBe('page-1-h');
    await page.keyboard.press('l');
    expect(await focused()).toBe('leak-1');
    await page.keyboard.press('l');
    expect(await focused()).toBe('leak-2');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.toc').isVisible()).toBe(false);
    expect(await page.locator('#page-3').evaluate((e) => getComputedStyle(e).breakBefore)).toBe('page');
    const pdf = await page.pdf({ format: 'Letter' });
    expect(pdf.length).toBeGreaterThan(100_000);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('works on a scan: OCR text beside each picture, burned-in boxes outlined', async () => {
    const scan = path.join(tmp, 'scan.pdf');
    writeFileSync(scan, await makeScannedFiling({ pages: 2, seed: 5 }));
    const report = await analyze(scan, { jobs: 1 });
    const file = path.join(tmp, 'scan.html');
    writeFileSync(file, await reviewHtml(scan, report));
    const { page, problems } = await openFile(browser, file);
    expect(await page.locator('section.page figure.sheet img').count()).toBe(2);
    const raster = page.locator('section.page .mark.src-raster[tabindex="0"]');
    expect(await raster.count()).toBe(report.pages.reduce((a, p) => a + p.redactions.filter((r) => r.source === 'raster').length, 0));
    expect(await raster.count()).toBeGreaterThan(0);
    expect(await page.locator('#page-1 .pagetext').innerText()).toContain('DECLARATION');
    expect(await page.locator('#page-1 h2').innerText()).toMatch(/OCR/);
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);

  it('batch --html: index.html is a sortable table linking to each file\'s review page', async () => {
    const dir = path.join(tmp, 'docket');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a.pdf'), await makeFiling({ pages: 1, seed: 1 }));
    writeFileSync(path.join(dir, 'b leak.pdf'), await makeFiling({ pages: 2, leak: true, seed: 2 }));
    writeFileSync(path.join(dir, 'c.pdf'), 'not a pdf');
    const out = path.join(tmp, 'docket-out');
    let stderr = '';
    const code = await main(['batch', dir, '--out', out, '--html', '--jobs', '2', '-q', '--fail-on-leak'], { stdout: () => undefined, stderr: (s) => (stderr += s), color: false });
    expect(code, stderr).toBe(1); // a failure wins over --fail-on-leak's 3
    const { page, problems } = await openFile(browser, path.join(out, 'index.html'));
    const firstColumn = () => page.locator('#files tbody tr td:first-child').allInnerTexts();
    expect(await firstColumn()).toEqual(['a.pdf', 'b leak.pdf', 'c.pdf']);
    expect(await page.locator('#files tbody tr.has-leak td.leaks').innerText()).toMatch(/^2 /);
    await page.locator('#files thead button', { hasText: 'Leaks' }).click();
    await page.locator('#files thead button', { hasText: 'Leaks' }).click();
    expect((await firstColumn())[0]).toBe('b leak.pdf');
    expect(await page.locator('#files th[aria-sort="descending"]').innerText()).toMatch(/Leaks/);
    await page.locator('a', { hasText: 'b leak.pdf' }).click();
    await page.waitForURL(/b%20leak\.html$/);
    expect(await page.locator('h1').innerText()).toBe('Redaction review: b leak.pdf');
    expect(await page.locator('section.page figure.sheet img').count()).toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  }, 300_000);
});
