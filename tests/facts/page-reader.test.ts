/**
 * Pages are read one ahead (src/facts/page-reader.ts): pdf.js parses page n + 1 while page n is
 * worked on. What pdf.js skipped must still be reported on the page it was skipped from, and a page
 * that lost everything is still unread, whatever its neighbours did.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import { PageReader } from '../../src/facts/page-reader.js';
import { openPdf, readPdfInput } from '../../src/load/open-pdf.js';
import type { WarningScope } from '../../src/load/pdfjs-warnings.js';
import { damagedPages } from '../hostile/make-hostile.js';

const LOST = { what: 'a form or image XObject', why: 'cannot be read (FormatError: Unknown block type in flate stream)' };

describe('reading pages one ahead', () => {
  it("pdf.js's warnings land on the pages they come from: first, consecutive and last pages", async () => {
    const report = await analyze(damagedPages(6, [1, 3, 4, 6]), { ocr: 'never' });
    expect(report.warnings).toEqual([1, 3, 4, 6].map((page) => ({ page, ...LOST })));
    expect(report.pages.map((p) => p.text)).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Page ${n} text`));
  });

  it('a page that lost all it draws is unread (skipped); its neighbours, which lost nothing, are read', async () => {
    const report = await analyze(damagedPages(4, [2, 3], [2]), { ocr: 'never' });
    expect(report.pages.map((p) => p.unread ?? 'read')).toEqual(['read', 'skipped', 'read', 'read']);
    expect(report.warnings.map((w) => w.page)).toEqual([2, 3]);
  });

  it('asks for page n + 1 as soon as page n arrives, and names the page in flight for warnings', async () => {
    const doc = await openPdf(await readPdfInput(damagedPages(3, [])), undefined, { readOnly: true });
    try {
      const scope: WarningScope = { page: null, add: () => undefined };
      const reader = new PageReader(doc, 'test.pdf', scope);
      const inFlight: (number | null)[] = [];
      for (let n = 1; n <= 3; n++) {
        const got = await reader.take(n);
        expect(got.page.pageNumber).toBe(n);
        expect('content' in got && got.content.opList.fnArray.length).toBeGreaterThan(0);
        inFlight.push(scope.page);
      }
      expect(inFlight).toEqual([2, 3, null]);
    } finally {
      await doc.destroy();
    }
  });
});
