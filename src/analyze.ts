/**
 * The library entry point: analyse one PDF and return its report.
 *
 * Pipeline (one direction): load → per-page facts → text plan → raster facts and OCR (scans only)
 * → detections → text and sections → report.
 */
import type { AnalysisWarning, BBox, Leak, Notice, PageFacts, PageLayout, PlacedImage, UnreadReason, Word } from './model.js';
import { AnalysisError, oneLine } from './errors.js';
import { openPdf, readPdfInput, type PdfSource } from './load/open-pdf.js';
import type { PDFDocumentProxy, PDFPageProxy } from './load/pdfjs.js';
import { readPageFacts, type PageFactsResult } from './facts/page-facts.js';
import { readDocumentFacts, readLayerVisibility } from './facts/document-facts.js';
import { readRevisionTexts } from './facts/revisions.js';
import { decodedImage, type DecodedImage } from './facts/image-pixels.js';
import { scanScaleOf } from './scan/render.js';
import { RasterPool } from './scan/raster-pool.js';
import { factsHaveInk, imageHasInk } from './scan/ink.js';
import { planPage, type TextPlan } from './facts/text-plan.js';
import { ocrJobs, resolveSettings, type Settings, type SettingsInput } from './settings.js';
import { detectPage, findShapeRegions, imagesUnderBoxes, type ImageLeakArea, type ShapeRegions } from './detect/page-detections.js';
import { pictureRegions } from './scan/pictures.js';
import { imagesOverText } from './detect/text-under-image.js';
import { documentFindings, type PageEvidence } from './detect/document-leaks.js';
import { earlierRevisionLeaks } from './detect/earlier-revision.js';
import { rasterRegions } from './detect/raster-regions.js';
import type { Region } from './detect/regions.js';
import { startOcrEngine, type OcrEngine } from './scan/ocr-engine.js';
import { maskBoxes } from './scan/mask.js';
import { readBoxLabels } from './scan/box-labels.js';
import { readRasterLabels, type BoxLabelReader } from './scan/raster-labels.js';
import { ocrWordsToPage } from './scan/ocr-words.js';
import { imageCropUnder, readUnderBox } from './scan/image-under-box.js';
import { assembleText } from './text/index.js';
import { buildReport, type PageResult } from './report/build-report.js';
import type { Report } from './report/schema.js';

/** The analysis settings (src/settings.ts: password, ocr, ocrEngine, dpi, jobs) and the library call's own hooks. */
export interface AnalyzeOptions extends SettingsInput {
  /** Path recorded in the report (defaults to the input path, or "<bytes>"). */
  path?: string;
  /** An OCR engine to use instead of starting one (batch runs share one per worker). Not terminated. */
  ocrPool?: OcrEngine;
  /**
   * Called as pages are finished: once with the pages that need no rendering already counted,
   * then after each scanned page. pagesDone only grows and reaches pagesTotal.
   */
  onProgress?: (pagesDone: number, pagesTotal: number) => void;
  /**
   * Stop the analysis: the call rejects with an AnalysisError of code `aborted` whose `cause` is
   * the signal's reason (checked before each page and each scanned page).
   */
  signal?: AbortSignal;
}

/** The rejection of an aborted analysis: code `aborted`, the signal's reason as its cause. */
export function abortedError(signal: AbortSignal, path?: string): AnalysisError {
  const reason: unknown = signal.reason;
  const why = reason instanceof Error ? reason.message : reason === undefined ? 'aborted' : String(reason);
  return new AnalysisError('aborted', `analysis aborted (${why.split('\n')[0]})`, path, { cause: reason });
}

interface PageWork {
  page: PDFPageProxy;
  read: PageFactsResult;
  /** Vector and annotation regions, found once when the facts are read. */
  shapes: ShapeRegions;
  plan: TextPlan;
  raster: Region[];
  /** Dark bars with ordinary text in a scan (not redactions), and their text as words. */
  bars: Region[];
  barWords: Word[];
  ocrWords?: Word[];
  ocrConfidence?: number;
  /** Why the page has no text source although it has ink (sections there are `unread`). */
  unread?: UnreadReason;
  warning?: AnalysisWarning;
  /** The engine that read the page (OCR pages only). */
  ocrEngine?: OcrEngine['name'];
}

export async function analyze(input: PdfSource, options: AnalyzeOptions = {}): Promise<Report> {
  const { signal } = options;
  if (!signal) return analyzeNow(input, options);
  const label = options.path ?? (typeof input === 'string' ? input : '<bytes>');
  if (signal.aborted) throw abortedError(signal, label);
  // the call rejects as soon as the signal fires; the work stops at its next check and cleans up
  let onAbort = () => undefined as void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortedError(signal, label));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  const work = analyzeNow(input, options);
  work.catch(() => undefined);
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

async function analyzeNow(input: PdfSource, options: AnalyzeOptions): Promise<Report> {
  // a setting out of range is the caller's mistake: a SettingsError (RangeError), not a file failure
  const settings = resolveSettings(options);
  const pdf = await readPdfInput(input, options.path);
  const doc = await openPdf(pdf, settings.password);
  const mode = settings.ocr;
  let pool: OcrEngine | undefined = options.ocrPool;
  const ownPool = !pool;
  // the pool starts (in its worker threads) as soon as a page needs OCR, while the main thread
  // reads the remaining pages' facts
  let starting: Promise<OcrEngine> | undefined;
  let raster: RasterPool | undefined;
  const checkAbort = () => {
    if (options.signal?.aborted) throw abortedError(options.signal, pdf.path);
  };
  try {
    // 1. facts of every page (operator lists are read before any rendering)
    const work: PageWork[] = [];
    const isVisible = await readLayerVisibility(doc);
    for (let n = 1; n <= doc.numPages; n++) {
      checkAbort();
      const page = await getPage(doc, n, pdf.path);
      const read = await readPageFacts(page, { isVisible }).catch((e: unknown) => {
        throw new AnalysisError('damaged', `damaged PDF: page ${n} cannot be parsed (${oneLine(e)})`, pdf.path, { cause: e });
      });
      const plan = planPage(read.facts, mode);
      work.push({ page, read, shapes: findShapeRegions(read.facts, read.annotationShapes), plan, raster: [], bars: [], barWords: [] });
      if (plan.render && mode !== 'never' && !pool && !starting) {
        starting = startOcrEngine(Math.max(1, Math.min(ocrJobs(settings), doc.numPages - n + 1)), settings.ocrEngine);
        starting.catch(() => undefined); // surfaces where it is awaited
      }
    }

    // 2. scans: render, find burned-in boxes, read their labels, OCR what is visible
    const scans = work.filter((w) => w.plan.render);
    let done = work.length - scans.length;
    options.onProgress?.(done, work.length);
    if (scans.length) {
      // pages are rendered and searched for boxes in threads, OCRed in the pool's threads
      raster = new RasterPool(Math.max(1, Math.min(ocrJobs(settings), scans.length)), pdf.bytes, settings.password);
      if (!pool && starting) pool = await starting;
      const ocr = pool;
      const threads = raster;
      await forEachLimit(scans, (ocr ? ocr.size : 1) + 1, async (w) => {
        checkAbort();
        await scanPage(w, ocr, threads, settings.dpi);
        options.onProgress?.(++done, work.length);
      });
    }

    // 3. detections, text and sections
    const pages: PageResult[] = [];
    const layouts: PageLayout[] = [];
    const leaks: Leak[] = [];
    const warnings: AnalysisWarning[] = [];
    const notices: Notice[] = [];
    const evidence: PageEvidence[] = [];
    for (const w of work) {
      const { facts } = w.read;
      const imagePixels = await decodeCandidateImages(w.page, facts, w.shapes.vector.regions);
      const bornDigital = w.plan.source === 'text-layer' && !w.plan.render;
      const found = detectPage(facts, { shapeRegions: w.shapes, extraRegions: w.raster, imagePixels, annotationShapes: w.read.annotationShapes, bornDigital });
      if (found.underImages.length) {
        checkAbort();
        if (mode === 'never') {
          warnings.push({ page: facts.page, what: 'text of the images under boxes', why: 'OCR is off (--ocr never): image-under-box leaks carry no text' });
        } else {
          if (!pool) pool = await (starting ??= startOcrEngine(1, settings.ocrEngine));
          await readImageLeaks(pool, found.underImages, imagePixels);
        }
      }
      w.page.cleanup();
      leaks.push(...found.leaks);
      notices.push(...found.notices);
      const hiding = found.redactions.filter((r) => !r.unapplied);
      // no text source on a page that draws something: not read (a rendered page was judged in scanPage)
      if (w.plan.source === 'none' && !w.plan.render && factsHaveInk(facts)) w.unread = 'ocr-off';
      layouts.push({
        page: facts.page,
        width: facts.width,
        height: facts.height,
        words: w.plan.source === 'ocr' ? (w.ocrWords ?? []) : found.words,
        // unapplied Redact annotations mark text but hide nothing: they are no placeholder in the text
        redactions: hiding,
        ...(w.unread ? { unread: w.unread } : {}),
      });
      pages.push({
        page: facts.page,
        width: facts.width,
        height: facts.height,
        textSource: w.plan.source === 'ocr' ? (w.ocrWords ? 'ocr' : 'none') : w.plan.source,
        ...(w.unread ? { unread: w.unread } : {}),
        ...(w.ocrWords && w.ocrEngine ? { ocrEngine: w.ocrEngine } : {}),
        ...(w.ocrConfidence !== undefined ? { ocrConfidence: w.ocrConfidence } : {}),
        redactions: found.redactions,
        text: '',
      });
      evidence.push({ page: facts.page, width: facts.width, height: facts.height, words: layouts[layouts.length - 1].words, annotations: facts.annotations, redactions: hiding });
    }
    checkAbort();
    const forensic = await documentForensics(doc, pdf.bytes, settings, evidence);
    const text = assembleText(layouts);
    for (const p of pages) p.text = text.pages.find((t) => t.page === p.page)?.text ?? '';
    // the pages' own warnings first, then those of the image crops under boxes, then the document's
    warnings.unshift(...work.flatMap((w) => (w.warning ? [w.warning] : [])));
    return buildReport({
      path: pdf.path,
      sha256: pdf.sha256,
      bytes: pdf.bytes.length,
      pages,
      sections: text.sections,
      leaks: [...leaks, ...forensic.leaks],
      estimates: text.estimates,
      notices: [...forensic.notices, ...notices],
      warnings: [...warnings, ...forensic.warnings],
    });
  } catch (e) {
    if (e instanceof AnalysisError) throw e.file ? e : new AnalysisError(e.code, e.message, pdf.path, { cause: e });
    throw new AnalysisError('internal', `internal error: ${oneLine(e)}`, pdf.path, { cause: e });
  } finally {
    await raster?.terminate();
    if (ownPool) await (pool ?? (await starting?.catch(() => undefined)))?.terminate().catch(() => undefined);
    await doc.destroy().catch(() => undefined);
  }
}

async function getPage(doc: PDFDocumentProxy, n: number, path: string): Promise<PDFPageProxy> {
  try {
    return await doc.getPage(n);
  } catch (e) {
    throw new AnalysisError('damaged', `damaged PDF: page ${n} cannot be read (${oneLine(e)})`, path, { cause: e });
  }
}

/** Render a scanned page; find its burned-in boxes and their labels; OCR it with the boxes masked. */
async function scanPage(w: PageWork, pool: OcrEngine | undefined, raster: RasterPool, dpi: number): Promise<void> {
  const { facts } = w.read;
  // in colour where the page has colour: a label in blue on black is lost in grey
  const { img, boxes } = await raster.scan({
    page: facts.page,
    scale: scanScaleOf(facts, { defaultDpi: dpi }),
    colour: w.plan.rasterBoxes,
    rasterBoxes: w.plan.rasterBoxes,
    pictures: pictureRegions(facts),
  });
  // raster boxes that coincide with these stay theirs
  const known = [...w.shapes.vector.regions, ...w.shapes.annotation.filter((r) => !r.unapplied)];
  if (w.plan.rasterBoxes) {
    const reader: BoxLabelReader = (image, refs) => readBoxLabels(pool!, image, refs);
    const labels = pool && boxes.length ? await readRasterLabels(reader, img, boxes) : [];
    const found = rasterRegions(boxes, labels, facts, known);
    w.raster = found.regions;
    // dark bars carrying ordinary light text (a form's header bar): their text was read inverted
    w.barWords = found.rejected.flatMap((r) => wordsAcross(r.text, r.region.bbox));
    w.bars = found.rejected.map((r) => r.region);
  }
  // text-layer pages are read; OCR runs only with a pool (--ocr never has none)
  if (w.plan.source === 'text-layer' || (w.plan.source === 'ocr' && !pool)) return;
  const hidden = [...known, ...w.raster, ...w.bars].flatMap((r) => r.parts);
  const masks = hidden.map((p) =>
    p.quad
      ? { pxBox: p.bbox.map((v) => v * img.scale) as BBox, pxQuad: p.quad.map(([x, y]) => [x * img.scale, y * img.scale] as [number, number]) }
      : p.bbox,
  );
  const masked = maskBoxes(img, masks);
  if (w.plan.source === 'none') {
    if (imageHasInk(masked)) w.unread = 'ocr-off';
    return;
  }
  if (!pool) return;
  let words: Awaited<ReturnType<OcrEngine['recognize']>>;
  try {
    words = await pool.recognize(masked);
  } catch (e) {
    // the page is not read; the rest of the file is
    w.unread = 'ocr-failed';
    w.warning = { page: facts.page, what: 'page text (OCR)', why: `OCR failed: ${oneLine(e)}` };
    return;
  }
  const page = ocrWordsToPage(words, img.scale, hidden);
  w.ocrWords = [...page.words, ...w.barWords];
  w.ocrConfidence = page.meanConfidence;
  w.ocrEngine = pool.name;
  if (w.ocrWords.length === 0 && imageHasInk(masked)) w.unread = 'no-text-found';
}

/**
 * What the file holds beyond its pages' drawing: earlier revisions, outline, metadata, comments,
 * form fields (leaks), and attachments, scripts, layers, revisions (notices).
 */
async function documentForensics(
  doc: PDFDocumentProxy,
  bytes: Uint8Array,
  settings: Settings,
  pages: PageEvidence[],
): Promise<{ leaks: Leak[]; notices: Notice[]; warnings: AnalysisWarning[] }> {
  const { facts, warnings } = await readDocumentFacts(doc, bytes);
  const revisions = await readRevisionTexts(doc, bytes, facts.revisionEnds, settings.password);
  const boxes = new Map(pages.map((p) => [p.page, p.redactions]));
  const found = documentFindings({ facts, pages });
  return {
    leaks: [...earlierRevisionLeaks(revisions.final, revisions.earlier, facts.revisionEnds.length, boxes), ...found.leaks],
    notices: found.notices,
    warnings: [...warnings, ...revisions.warnings],
  };
}

/** Decoded pixels of the images the rules look into: under vector boxes, and over live text. */
async function decodeCandidateImages(page: PDFPageProxy, facts: PageFacts, vector: Region[]): Promise<Map<PlacedImage, DecodedImage>> {
  const pixels = new Map<PlacedImage, DecodedImage>();
  for (const img of new Set([...imagesUnderBoxes(facts, vector), ...imagesOverText(facts)])) {
    const decoded = await decodedImage(page, img);
    if (decoded) pixels.set(img, decoded);
  }
  return pixels;
}

/** OCR what each image-under-box leak's box hides in the image, into the leak's text and confidence. */
async function readImageLeaks(pool: OcrEngine, found: ImageLeakArea[], pixels: Map<PlacedImage, DecodedImage>): Promise<void> {
  await Promise.all(
    found.map(async ({ leak, areas }) => {
      const crops = areas.flatMap(({ image, box }) => {
        const decoded = pixels.get(image);
        const crop = decoded && imageCropUnder(decoded, image, box);
        return crop ? [crop] : [];
      });
      const read = await readUnderBox(pool, crops);
      leak.text = read.text;
      if (read.confidence !== undefined) leak.confidence = read.confidence;
    }),
  );
}

/** A line of text read from a box, as words spread across the box in proportion to their length. */
function wordsAcross(text: string, box: BBox): Word[] {
  const tokens = text.split(/\s+/).filter(Boolean);
  const chars = tokens.reduce((n, t) => n + t.length + 1, 0);
  const unit = (box[2] - box[0]) / Math.max(chars, 1);
  let x = box[0];
  return tokens.map((t) => {
    const word: Word = { text: t, bbox: [x, box[1], x + t.length * unit, box[3]], fontSize: (box[3] - box[1]) * 0.7, bold: false, italic: false };
    x += (t.length + 1) * unit;
    return word;
  });
}

/** Run `fn` over items, at most `limit` at once. */
async function forEachLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(lanes);
}
