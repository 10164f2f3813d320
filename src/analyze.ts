/**
 * The library entry point: analyse one PDF and return its report.
 *
 * Pipeline (one direction): load → per-page facts → detections → text and sections → report.
 */
import type { Leak, PageLayout } from './model.js';
import { AnalysisError, oneLine } from './errors.js';
import { openPdf, readPdfInput } from './load/open-pdf.js';
import { readPageFacts } from './facts/page-facts.js';
import { detectPage, imagesUnderBoxes } from './detect/page-detections.js';
import { decodedImage, type DecodedImage } from './facts/image-pixels.js';
import type { PlacedImage } from './model.js';
import { assembleText } from './text/index.js';
import { buildReport, type PageResult } from './report/build-report.js';
import type { Report } from './report/schema.js';

export interface AnalyzeOptions {
  /** Password for encrypted PDFs. */
  password?: string;
  /** Path recorded in the report (defaults to the input path, or "<bytes>"). */
  path?: string;
  /** OCR policy: auto (default) uses the text layer where usable, always re-OCRs, never skips OCR. */
  ocr?: 'auto' | 'always' | 'never';
  /** Render resolution for scanned pages when the scan's own cannot be read. Default 300. */
  dpi?: number;
  /** OCR workers. Default: number of cores. */
  jobs?: number;
  /** Called after each page is read. */
  onProgress?: (pagesDone: number, pagesTotal: number) => void;
  /** Abort the analysis (batch time limits). */
  signal?: AbortSignal;
}

export async function analyze(input: string | Uint8Array, options: AnalyzeOptions = {}): Promise<Report> {
  const pdf = await readPdfInput(input, options.path);
  const doc = await openPdf(pdf, options.password);
  try {
    const pages: PageResult[] = [];
    const layouts: PageLayout[] = [];
    const leaks: Leak[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      if (options.signal?.aborted) throw new AnalysisError('timeout', 'analysis stopped: time limit reached', pdf.path);
      let page;
      try {
        page = await doc.getPage(n);
      } catch (e) {
        throw new AnalysisError('damaged', `damaged PDF: page ${n} cannot be read (${oneLine(e)})`, pdf.path, { cause: e });
      }
      const { facts, annotationShapes } = await readPageFacts(page).catch((e: unknown) => {
        throw new AnalysisError('damaged', `damaged PDF: page ${n} cannot be parsed (${oneLine(e)})`, pdf.path, { cause: e });
      });
      const imagePixels = new Map<PlacedImage, DecodedImage>();
      for (const img of imagesUnderBoxes(facts)) {
        const pixels = await decodedImage(page, img);
        if (pixels) imagePixels.set(img, pixels);
      }
      const found = detectPage(facts, { annotationShapes, imagePixels });
      page.cleanup();
      leaks.push(...found.leaks);
      layouts.push({
        page: n,
        width: facts.width,
        height: facts.height,
        words: found.words,
        // unapplied Redact annotations mark text but hide nothing: they are no placeholder in the text
        redactions: found.redactions.filter((r) => !r.unapplied),
      });
      pages.push({
        page: n,
        width: facts.width,
        height: facts.height,
        textSource: facts.glyphs.some((g) => !g.isSpace) ? 'text-layer' : 'none',
        redactions: found.redactions,
        text: '',
      });
      options.onProgress?.(n, doc.numPages);
    }
    const text = assembleText(layouts);
    for (const p of pages) p.text = text.pages.find((t) => t.page === p.page)?.text ?? '';
    return buildReport({ path: pdf.path, sha256: pdf.sha256, bytes: pdf.bytes.length, pages, sections: text.sections, leaks });
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
