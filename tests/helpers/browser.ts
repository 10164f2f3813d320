/**
 * A real browser for the review page tests: the system's Chromium (Debian's /usr/bin/chromium,
 * installed by .ci/run when missing) driven by playwright-core, which downloads nothing. Without a
 * Chromium the browser suites skip, and say so loudly. REDACTMAP_CHROMIUM names another binary.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env.REDACTMAP_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

if (!hasChromium) {
  console.warn(`\n*** no Chromium at ${chromiumPath}: the review page browser tests are SKIPPED (apt-get install chromium, or set REDACTMAP_CHROMIUM) ***\n`);
}

export const describeBrowser = hasChromium ? describe : describe.skip;

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close: () => Promise<void>;
}

/** Chromium with a new empty profile, removed on close. */
export async function launchBrowser(viewport = { width: 1400, height: 900 }): Promise<Browser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'redactmap-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface Watched {
  page: Page;
  /** Console errors, page errors and requests that left the file (none is allowed). */
  problems: string[];
}

/** Open a local file, recording console errors, uncaught errors and any request beyond file: and data:. */
export async function openFile(browser: Browser, file: string): Promise<Watched> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!/^(file|data):/.test(r.url())) problems.push(`request: ${r.url()}`);
  });
  await page.goto(`file://${path.resolve(file)}`, { waitUntil: 'load' });
  return { page, problems };
}

/** Decoded RGB pixels of a PNG (a screenshot). */
export async function decodePng(png: Buffer): Promise<{ width: number; height: number; at: (x: number, y: number) => number[] }> {
  const { loadImage, createCanvas } = await import('@napi-rs/canvas');
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  return {
    width: img.width,
    height: img.height,
    at: (x, y) => {
      const i = (Math.max(0, Math.min(img.height - 1, y)) * img.width + Math.max(0, Math.min(img.width - 1, x))) * 4;
      return [data[i], data[i + 1], data[i + 2]];
    },
  };
}
