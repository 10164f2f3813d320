/**
 * The library entry point: analyse one PDF and return its report.
 *
 * Pipeline (one direction): load → per-page facts → text plan → raster facts and OCR (scans only)
 * → detections → text and sections → report.
 */
import type { AnalysisWarning, BBox, Leak, Notice, PageFacts, PageLayout, PlacedImage, UnreadReason, Word } from './model.js';
import { abortedError, AnalysisError, classifyFailure, isPdfjsError, oneLine } from './errors.js';
import { openPdf, readPdfInput, readerLost, type PdfInput, type PdfSource } from './load/open-pdf.js';
import type { PDFDocumentProxy, PDFPageProxy } from './load/pdfjs.js';
import { collectingScope, withPdfjsWarnings, type WarningScope } from './load/pdfjs-warnings.js';
import { guardPdfjsRejections } from './load/pdfjs-rejections.js';
import { pageFactsFrom, skippedPageFacts, type PageFactsResult } from './facts/page-facts.js';
import { PageReader, type FetchedPage } from './facts/page-reader.js';
import { readDocumentFacts, readLayerVisibility } from './facts/document-facts.js';
import { readRevisionTexts } from './facts/revisions.js';
import { decodedImage, type DecodedImage } from './facts/image-pixels.js';
import { scanScaleOf } from './scan/render.js';
import { RasterPool, rasterThreads, type RasterResult } from './scan/raster-pool.js';
import { PendingPageImage, soleAlignedImage } from './scan/page-image.js';
import { factsHaveInk, imageHasInk } from './scan/ink.js';
import { planPage, type TextPlan } from './facts/text-plan.js';
import { ocrJobs, resolveSettings, type Settings, type SettingsInput } from './settings.js';
import { detectPage, findShapeRegions, imagesUnderBoxes, type ImageLeakArea, type PageDetections, type ShapeRegions } from './detect/page-detections.js';
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
import { assembleText, buildPageLines, type Line } from './text/index.js';
import { buildReport, type PageResult } from './report/build-report.js';
import type { Report } from './report/schema.js';

/**
 * The analysis settings (src/settings.ts: password, ocr, ocrEngine, dpi, jobs, limits) and the
 * library call's own hooks. In-process, the time limit and the per-page limits hold; the memory
 * ceiling holds only in a worker process (analyzeFile in batch/isolated.ts), where a runaway can be stopped.
 */
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
export { abortedError };

const SKIPPED_PLAN: TextPlan = { source: 'none', render: false, rasterBoxes: false, reason: 'skipped' };

interface PageWork {
  page: PDFPageProxy;
  read: PageFactsResult;
  /** Vector and annotation regions, found once when the facts are read. */
  shapes: ShapeRegions;
  /** Images whose decoded pixels the detections look into (under vector boxes, over live text). */
  candidates: PlacedImage[];
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
  /** Its detections, once found (pages not scanned: as soon as their facts are read). */
  found?: PageDetections;
  /** Pages not scanned: what the text stage reads of the page, and its lines, found with its detections. */
  layout?: PageLayout;
  lines?: Line[];
  /** Decoded pixels of the candidate images, kept while an image-under-box leak is still to be read. */
  pixels?: Map<PlacedImage, DecodedImage>;
  /** A page to render that is one image drawn pixel for pixel: its decoded pixels, until its scan takes them (scan/page-image.ts). */
  image?: PendingPageImage;
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
  const warnings: AnalysisWarning[] = [];
  // pages on which pdf.js said it dropped something
  const lossy = new Set<number>();
  const scope = collectingScope(warnings, (w) => w.page !== null && lossy.add(w.page));
  const release = guardPdfjsRejections();
  return withPdfjsWarnings(scope, async () => {
    const doc = await openPdf(pdf, settings.password, { maxImagePixels: settings.maxImagePixels, readOnly: true });
    const deadline = new Deadline(settings.timeoutSeconds, options.signal, pdf.path, () => void doc.destroy().catch(() => undefined));
    const run: RunState = { scope, warnings, deadline, lossy, inHand: null };
    // a dead pdf.js thread never answers: its pending calls end the analysis at once
    readerLost(doc).catch((e: AnalysisError) => deadline.fail(e));
    try {
      return await analyzeDocument(doc, pdf, settings, options, run);
    } catch (e) {
      throw deadline.expired ? deadline.error() : classifyFailure(e, pdf.path, run.inHand ?? undefined);
    } finally {
      deadline.clear();
      // pdf.js ends its work at its next check after destroy(): after a timeout, do not wait for it
      const destroyed = doc.destroy().catch(() => undefined);
      if (!deadline.expired) await destroyed;
    }
  }).finally(release);
}

interface RunState {
  scope: WarningScope;
  warnings: AnalysisWarning[];
  deadline: Deadline;
  /** Pages on which pdf.js dropped content (its warnings). */
  lossy: Set<number>;
  /** The page being worked on (a failure names it), null between pages. */
  inHand: number | null;
}

async function analyzeDocument(doc: PDFDocumentProxy, pdf: PdfInput, settings: Settings, options: AnalyzeOptions, run: RunState): Promise<Report> {
  const { deadline, warnings } = run;
  const mode = settings.ocr;
  let pool: OcrEngine | undefined = options.ocrPool;
  const ownPool = !pool;
  // the pool starts (in its worker threads) as soon as a page needs OCR, while the main thread
  // reads the remaining pages' facts
  let starting: Promise<OcrEngine> | undefined;
  let ocrSlots = 1;
  let raster: RasterPool | undefined;
  try {
    // 1. facts of every page (operator lists are read before any rendering); 2. each page to render
    // goes to the scan lanes as soon as its facts are read: render, find burned-in boxes, read their
    // labels, OCR what is visible
    const work: PageWork[] = [];
    const scans = new ScanStream(settings, warnings);
    const isVisible = await deadline.race(readLayerVisibility(doc));
    const reader = new PageReader(doc, pdf.path, run.scope);
    for (let n = 1; n <= doc.numPages; n++) {
      deadline.check();
      run.inHand = n;
      const w = readPage(await deadline.race(reader.take(n)), settings, isVisible);
      // pdf.js dropped content (an image too large, a broken stream) and nothing readable is left:
      // the page was not analysed, it is not "no text, no redaction"
      if (run.lossy.has(n) && w.plan.source === 'none') w.unread ??= 'skipped';
      warnings.push(...w.read.warnings, ...(w.read.skipped ? [w.read.skipped] : []));
      work.push(w);
      if (w.plan.render && mode !== 'never' && !pool && !starting) {
        ocrSlots = Math.max(1, Math.min(ocrJobs(settings), doc.numPages - n + 1));
        starting = startOcrEngine(ocrSlots, settings.ocrEngine);
        starting.catch(() => undefined); // surfaces where it is awaited
      }
      if (!scans.admit(w)) {
        // not scanned: its detections and its lines need nothing more, and are found while pdf.js
        // parses the next page
        w.layout = layoutOf(w, await detectIn(w, deadline));
        w.lines = buildPageLines(w.layout);
        continue;
      }
      // pages are rendered and searched for boxes in threads, OCRed in the pool's threads
      raster ??= new RasterPool(rasterThreads(Math.min(ocrJobs(settings), doc.numPages - n + 1), mode !== 'never'), pdf.bytes, settings.password, settings.maxImagePixels);
      const threads = raster;
      const ocr = async () => (pool ??= starting && (await deadline.race(starting)));
      scans.start(w, (pool?.size ?? ocrSlots) + 1, async (pageWarnings) => {
        deadline.check();
        await deadline.race(scanPage(w, await ocr(), threads, settings.dpi, pageWarnings));
        deadline.check();
      });
      // pages waiting for a lane hold their page images: read on once few wait
      await deadline.race(scans.room(SCAN_PAGES_WAITING));
    }
    run.inHand = null;
    // the file's own facts (outline, metadata, earlier revisions) are read while the pages are finished
    const fileFacts = readFileFacts(doc, pdf.bytes, settings);
    fileFacts.catch(() => undefined); // awaited below
    scans.factsRead(work.length, options.onProgress);
    await scans.finished();

    // 3. detections, text and sections
    const pages: PageResult[] = [];
    const layouts: PageLayout[] = [];
    const built = new Map<PageLayout, Line[]>();
    const leaks: Leak[] = [];
    const notices: Notice[] = [];
    const evidence: PageEvidence[] = [];
    for (const w of work) {
      deadline.check();
      const { facts } = w.read;
      const found = w.found ?? (await detectIn(w, deadline));
      if (found.underImages.length) {
        deadline.check();
        if (mode === 'never') {
          warnings.push({ page: facts.page, what: 'text of the images under boxes', why: 'OCR is off (--ocr never): image-under-box leaks carry no text' });
        } else {
          if (!pool) pool = await deadline.race((starting ??= startOcrEngine(1, settings.ocrEngine)));
          await deadline.race(readImageLeaks(pool, found.underImages, w.pixels ?? new Map()));
        }
      }
      w.pixels = undefined;
      w.page.cleanup();
      leaks.push(...found.leaks);
      notices.push(...found.notices);
      const layout = w.layout ?? layoutOf(w, found);
      layouts.push(layout);
      if (w.lines) built.set(layout, w.lines);
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
      evidence.push({ page: facts.page, width: facts.width, height: facts.height, words: layout.words, annotations: facts.annotations, redactions: layout.redactions, ...(facts.scripts ? { scripts: facts.scripts } : {}) });
    }
    deadline.check();
    const text = assembleText(layouts, built);
    const forensic = fileFindings(await deadline.race(fileFacts), evidence);
    for (const p of pages) p.text = text.pages.find((t) => t.page === p.page)?.text ?? '';
    // in page order; on a page, its own warnings first, then those of the image crops under boxes; the document's last
    const pageWarnings = work.flatMap((w) => (w.warning ? [w.warning] : []));
    return buildReport({
      path: pdf.path,
      sha256: pdf.sha256,
      bytes: pdf.bytes.length,
      pages,
      sections: text.sections,
      leaks: [...leaks, ...forensic.leaks],
      estimates: text.estimates,
      notices: [...forensic.notices, ...notices],
      warnings: [...sortWarnings([...pageWarnings, ...warnings]), ...forensic.warnings],
    });
  } finally {
    await raster?.terminate();
    if (ownPool) await (pool ?? (await starting?.catch(() => undefined)))?.terminate().catch(() => undefined);
  }
}

/**
 * Read one page's facts and plan it. A page whose content pdf.js cannot parse, or that is over a
 * per-page limit, is skipped (unread, with a warning); the rest of the file is still read.
 */
function readPage(fetched: FetchedPage, settings: Settings, isVisible?: (properties: unknown) => boolean): PageWork {
  const { page } = fetched;
  let read: PageFactsResult;
  try {
    if ('error' in fetched) throw fetched.error;
    read = pageFactsFrom(page, fetched.content, { isVisible, maxOperatorsPerPage: settings.maxOperatorsPerPage, maxFormDepth: settings.maxFormDepth });
  } catch (e) {
    if (!isPdfjsError(e)) throw e;
    read = skippedPageFacts(page, `content cannot be parsed (${oneLine(e)})`);
  }
  let shapes = findShapeRegions(read.facts, read.annotationShapes, settings.maxBoxesPerPage);
  const over = shapes.vector.overLimit;
  if (over !== undefined) {
    read = skippedPageFacts(page, `${over.toLocaleString('en-US')} distinct dark boxes, over the limit of ${settings.maxBoxesPerPage.toLocaleString('en-US')} (maxBoxesPerPage)`);
    shapes = findShapeRegions(read.facts);
  }
  const skipped = read.skipped !== undefined;
  const plan = skipped ? SKIPPED_PLAN : planPage(read.facts, settings.ocr);
  const candidates = candidateImages(read.facts, shapes.vector.regions);
  // pdf.js keeps every decoded image of the page (a scan's page image: megabytes) until cleanup;
  // rendering happens in the raster threads, so a page whose pixels no rule reads lets them go now,
  // or, when it is one image drawn pixel for pixel, once the raster thread can have them instead
  const release = () => candidates.length === 0 && page.cleanup();
  const sole = plan.render && 'content' in fetched ? soleAlignedImage(fetched.content.opList, read.facts, scanScaleOf(read.facts, { defaultDpi: settings.dpi })) : undefined;
  const image = sole && new PendingPageImage(page, sole, candidates.length > 0, release);
  if (!image) release();
  return { page, read, shapes, candidates, plan, raster: [], bars: [], barWords: [], ...(image ? { image } : {}), ...(skipped ? { unread: 'skipped' as const } : {}) };
}

/** What the text stage reads of a page: its words (OCR's, or its text layer's) and the boxes that hide text. */
function layoutOf(w: PageWork, found: PageDetections): PageLayout {
  const { facts } = w.read;
  // no text source on a page that draws something: not read (a rendered page was judged in scanPage)
  if (w.plan.source === 'none' && !w.plan.render && factsHaveInk(facts)) w.unread ??= 'ocr-off';
  return {
    page: facts.page,
    width: facts.width,
    height: facts.height,
    words: w.plan.source === 'ocr' ? (w.ocrWords ?? []) : found.words,
    // unapplied Redact annotations mark text but hide nothing: they are no placeholder in the text
    redactions: found.redactions.filter((r) => !r.unapplied),
    ...(w.unread ? { unread: w.unread } : {}),
  };
}

/** A page that will not be rendered: a text layer stays its text source; a page to OCR is unread. */
function skipRender(w: PageWork): void {
  w.image?.take();
  w.image = undefined;
  if (w.plan.source === 'text-layer') {
    w.plan = { ...w.plan, render: false, rasterBoxes: false };
  } else {
    w.plan = SKIPPED_PLAN;
    w.unread = 'skipped';
  }
}

/**
 * Scanned pages whose facts are read while they wait for a scan lane, at most: the reader waits
 * beyond (a page waiting holds its page image, scan/page-image.ts: megabytes each).
 */
export const SCAN_PAGES_WAITING = 2;

/**
 * The scanned pages of one analysis, scanned as soon as their facts are read: at most `lanes` at once
 * (a page in a lane holds its rendered image, so lanes bound the pages in flight), at most
 * maxRenderedPages of them (the rest are not rendered: skipRender, with one warning naming them).
 * Each page's scan warnings are kept apart and joined in page order when all are done.
 */
class ScanStream {
  private readonly admitted: PageWork[] = [];
  private readonly over: PageWork[] = [];
  private readonly waiting: (() => Promise<void>)[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly pageWarnings = new Map<PageWork, AnalysisWarning[]>();
  private failure: { error: unknown } | undefined;
  private done = 0;
  private progress: ((pagesDone: number, pagesTotal: number) => void) | undefined;
  private total = 0;

  constructor(
    private readonly settings: Settings,
    private readonly warnings: AnalysisWarning[],
  ) {}

  /** Whether the page is to be scanned now (planned for rendering and within maxRenderedPages). */
  admit(w: PageWork): boolean {
    if (!w.plan.render) return false;
    if (this.admitted.length < this.settings.maxRenderedPages) {
      this.admitted.push(w);
      return true;
    }
    this.over.push(w);
    skipRender(w);
    return false;
  }

  /** Scan an admitted page once one of `lanes` is free; a failure ends the stream (finished() rejects). */
  start(w: PageWork, lanes: number, scan: (warnings: AnalysisWarning[]) => Promise<void>): void {
    const own: AnalysisWarning[] = [];
    this.pageWarnings.set(w, own);
    this.waiting.push(async () => {
      await scan(own);
      this.done++;
      if (this.progress) this.progress(this.done, this.total);
    });
    this.pump(lanes);
  }

  private readonly roomWanted: { max: number; resolve: () => void }[] = [];

  /** Resolves once at most `max` pages wait for a lane (or a scan failed: finished() says how). */
  room(max: number): Promise<void> {
    return new Promise((resolve) => {
      this.roomWanted.push({ max, resolve });
      this.tellRoom();
    });
  }

  private tellRoom(): void {
    for (let i = this.roomWanted.length - 1; i >= 0; i--) {
      const want = this.roomWanted[i];
      if (this.failure || this.waiting.length <= want.max) {
        this.roomWanted.splice(i, 1);
        want.resolve();
      }
    }
  }

  private pump(lanes: number): void {
    this.pumpLanes(lanes);
    this.tellRoom();
  }

  private pumpLanes(lanes: number): void {
    while (!this.failure && this.running.size < lanes && this.waiting.length) {
      const job = this.waiting.shift()!;
      const p: Promise<void> = job().then(
        () => {
          this.running.delete(p);
          this.pump(lanes);
        },
        (e: unknown) => {
          this.running.delete(p);
          this.failure ??= { error: e };
          this.tellRoom();
        },
      );
      this.running.add(p);
    }
  }

  /** Every page's facts are read: the first progress report counts the pages that need no rendering. */
  factsRead(pages: number, onProgress?: (pagesDone: number, pagesTotal: number) => void): void {
    if (this.over.length) {
      const first = this.over[0].read.facts.page;
      const last = this.over[this.over.length - 1].read.facts.page;
      const pages = this.over.length === 1 ? `page ${first}` : `${this.over.length} pages (${first} to ${last})`;
      this.warnings.push({ page: first, what: `${pages} not rendered or OCRed`, why: `over the limit of ${this.settings.maxRenderedPages} rendered pages per file (maxRenderedPages)` });
    }
    this.total = pages;
    this.done += pages - this.admitted.length;
    onProgress?.(this.done, pages);
    this.progress = onProgress;
  }

  /** All admitted pages scanned (the first failure rejects); their warnings joined in page order. */
  async finished(): Promise<void> {
    while (this.running.size && !this.failure) await Promise.race(this.running);
    if (this.failure) throw this.failure.error;
    for (const w of this.admitted) this.warnings.push(...(this.pageWarnings.get(w) ?? []));
  }
}

/** Warnings in page order (null, the whole file, first), each page's in the order they were found. */
function sortWarnings(warnings: AnalysisWarning[]): AnalysisWarning[] {
  return warnings.map((w, i) => ({ w, i })).sort((a, b) => (a.w.page ?? 0) - (b.w.page ?? 0) || a.i - b.i).map(({ w }) => w);
}

/**
 * The time limit of one analysis (and the caller's abort signal). On expiry `onExpire` runs (the
 * document is destroyed, so pending pdf.js work rejects), awaited work raced against it rejects,
 * and the failure is `timeout` (or `aborted`, for the signal, or the error given to fail()).
 */
class Deadline {
  expired = false;
  private failure: AnalysisError | undefined;
  private readonly abort = new AbortController();
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly outer: AbortSignal | undefined;
  private readonly onOuter = () => this.expire();

  constructor(
    private readonly seconds: number,
    outer: AbortSignal | undefined,
    private readonly file: string,
    private readonly onExpire: () => void,
  ) {
    if (seconds > 0) this.timer = setTimeout(() => this.expire(), seconds * 1000);
    this.outer = outer;
    if (outer?.aborted) this.expire();
    else outer?.addEventListener('abort', this.onOuter, { once: true });
  }

  error(): AnalysisError {
    if (this.failure) return this.failure;
    if (this.outer?.aborted) return abortedError(this.outer, this.file);
    return new AnalysisError('timeout', `timed out after ${this.seconds} s (--timeout)`, this.file);
  }

  check(): void {
    if (this.expired) throw this.error();
  }

  race<T>(work: Promise<T>): Promise<T> {
    if (this.expired) return Promise.reject(this.error());
    return new Promise<T>((resolve, reject) => {
      const stop = () => reject(this.error());
      this.abort.signal.addEventListener('abort', stop, { once: true });
      work.then(resolve, reject).finally(() => this.abort.signal.removeEventListener('abort', stop));
    });
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.onOuter);
  }

  /** End the analysis now with `e` (every race rejects with it). */
  fail(e: AnalysisError): void {
    if (this.expired) return;
    this.failure = e;
    this.expire();
  }

  private expire(): void {
    if (this.expired) return;
    this.expired = true;
    this.abort.abort();
    this.onExpire();
  }
}

/** Render a scanned page; find its burned-in boxes and their labels; OCR it with the boxes masked. */
async function scanPage(w: PageWork, pool: OcrEngine | undefined, raster: RasterPool, dpi: number, warnings: AnalysisWarning[]): Promise<void> {
  const { facts } = w.read;
  let scanned: RasterResult;
  try {
    // in colour where the page has colour: a label in blue on black is lost in grey
    const image = w.image?.take();
    w.image = undefined;
    scanned = await raster.scan({
      page: facts.page,
      scale: image?.scale ?? scanScaleOf(facts, { defaultDpi: dpi }),
      ...(image ? { image: image.image } : {}),
      colour: w.plan.rasterBoxes,
      rasterBoxes: w.plan.rasterBoxes,
      pictures: pictureRegions(facts),
    });
  } catch (e) {
    // a page pdf.js cannot draw is not searched for burned-in boxes nor OCRed; the rest of the file is
    if (!(e instanceof AnalysisError && (e.code === 'damaged' || e.code === 'too-large'))) throw e;
    const what = w.plan.source === 'ocr' ? 'the page text (OCR)' : 'boxes burned into the page image';
    warnings.push({ page: facts.page, what, why: `the page cannot be rendered (${oneLine(e)})` });
    skipRender(w);
    return;
  }
  const { img, boxes } = scanned;
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

/** The file's own facts, beyond its pages' drawing: outline, metadata, attachments, earlier revisions. */
async function readFileFacts(doc: PDFDocumentProxy, bytes: Uint8Array, settings: Settings) {
  const { facts, warnings } = await readDocumentFacts(doc, bytes);
  const revisions = await readRevisionTexts(doc, bytes, facts.revisionEnds, settings.password);
  return { facts, warnings, revisions };
}

/**
 * What the file holds beyond its pages' drawing: earlier revisions, outline, metadata, comments,
 * form fields (leaks), and attachments, scripts, layers, revisions (notices).
 */
function fileFindings(
  { facts, warnings, revisions }: Awaited<ReturnType<typeof readFileFacts>>,
  pages: PageEvidence[],
): { leaks: Leak[]; notices: Notice[]; warnings: AnalysisWarning[] } {
  const boxes = new Map(pages.map((p) => [p.page, p.redactions]));
  const found = documentFindings({ facts, pages });
  return {
    leaks: [...earlierRevisionLeaks(revisions.final, revisions.earlier, facts.revisionEnds.length, boxes), ...found.leaks],
    notices: found.notices,
    warnings: [...warnings, ...revisions.warnings],
  };
}

/** The images whose pixels the rules look into: under vector boxes, and over live text. */
function candidateImages(facts: PageFacts, vector: Region[]): PlacedImage[] {
  return [...new Set([...imagesUnderBoxes(facts, vector), ...imagesOverText(facts)])];
}

/**
 * A page's detections. The decoded pixels of its candidate images are kept on it while an
 * image-under-box leak still has to be read; otherwise pdf.js's copies of its images go at once.
 */
async function detectIn(w: PageWork, deadline: Deadline): Promise<PageDetections> {
  const { facts } = w.read;
  const imagePixels = await deadline.race(decodeCandidateImages(w.page, w.candidates));
  const bornDigital = w.plan.source === 'text-layer' && !w.plan.render;
  w.found = detectPage(facts, { shapeRegions: w.shapes, extraRegions: w.raster, imagePixels, annotationShapes: w.read.annotationShapes, bornDigital });
  if (w.found.underImages.length) w.pixels = imagePixels;
  else if (w.candidates.length) w.page.cleanup();
  return w.found;
}

/** Decoded pixels of the candidate images (candidateImages). */
async function decodeCandidateImages(page: PDFPageProxy, images: PlacedImage[]): Promise<Map<PlacedImage, DecodedImage>> {
  const pixels = new Map<PlacedImage, DecodedImage>();
  for (const img of images) {
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
