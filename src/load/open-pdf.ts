/**
 * Load stage: bytes in, a pdfjs document out, with every failure turned into an AnalysisError
 * that names the reason in one line.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { AnalysisError, oneLine } from '../errors.js';
import type { PDFDocumentProxy } from './pdfjs.js';

export interface PdfInput {
  bytes: Uint8Array;
  path: string;
  sha256: string;
}

/** Largest file accepted (bytes). Real filings are far smaller; this guards memory. */
export const MAX_FILE_BYTES = 1024 * 1024 * 1024;

/** What the library reads: a path, or the PDF's bytes (a Buffer is a Uint8Array). */
export type PdfSource = string | Uint8Array | ArrayBuffer;

export async function readPdfInput(input: PdfSource, label?: string): Promise<PdfInput> {
  let bytes: Uint8Array;
  let path: string;
  if (typeof input === 'string') {
    path = label ?? input;
    let info;
    try {
      info = await stat(input);
    } catch (e) {
      throw new AnalysisError('not-found', statFailure(e), path);
    }
    if (!info.isFile()) throw new AnalysisError('not-found', 'not a regular file', path);
    if (info.size > MAX_FILE_BYTES) throw new AnalysisError('too-large', `file is ${info.size} bytes, over the 1 GiB limit`, path);
    try {
      bytes = new Uint8Array(await readFile(input));
    } catch (e) {
      throw new AnalysisError('not-found', `cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, path);
    }
  } else if (input instanceof Uint8Array || input instanceof ArrayBuffer) {
    // a plain view (a Buffer's slice() shares memory; openPdf copies before pdfjs detaches it)
    bytes = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    path = label ?? '<bytes>';
  } else {
    throw new AnalysisError('not-found', 'the input is neither a path nor PDF bytes (Buffer, Uint8Array or ArrayBuffer)', label ?? '<input>');
  }
  if (bytes.length === 0) throw new AnalysisError('empty', 'empty file (0 bytes)', path);
  if (!hasPdfHeader(bytes)) throw new AnalysisError('not-pdf', 'not a PDF (no %PDF- header)', path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { bytes, path, sha256 };
}

/** Why a path cannot be read, in one line: a symbolic link loop is not "no such file". */
export function statFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ELOOP') return 'symbolic link loop (ELOOP)';
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  if (code === 'ENAMETOOLONG') return 'path too long (ENAMETOOLONG)';
  return 'no such file';
}

/** A PDF starts with "%PDF-" within its first 1024 bytes (readers tolerate leading junk). */
export function hasPdfHeader(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

export interface OpenOptions {
  /** Largest image pdf.js decodes, pixels (its `maxImageSize`); larger ones are removed with a warning. */
  maxImagePixels?: number;
  /**
   * The document is read (operator lists, annotations, images' pixels), never drawn: pdf.js then
   * does not turn every glyph used into a path for a canvas (see readOnlyFonts).
   */
  readOnly?: boolean;
}

/**
 * Open a PDF with pdf.js. A password that does not open the file is tried without it too: a file
 * with only an owner password opens for anyone, so a batch-wide --password must not fail it.
 */
export async function openPdf(input: PdfInput, password?: string, opts: OpenOptions = {}): Promise<PDFDocumentProxy> {
  try {
    return await load(input, password, opts);
  } catch (e) {
    if (password !== undefined && (e as { name?: string })?.name === 'PasswordException') {
      const open = await load(input, undefined, opts).catch(() => undefined);
      if (open) return open;
    }
    throw classifyLoadError(e, input.path, password);
  }
}

/** Rejects when the pdf.js thread serving a document dies: its pending calls would never settle. */
const lostReader = new WeakMap<PDFDocumentProxy, Promise<never>>();

/** A promise that rejects (with an AnalysisError) if the document's pdf.js thread dies; never resolves. */
export function readerLost(doc: PDFDocumentProxy): Promise<never> {
  return lostReader.get(doc) ?? new Promise<never>(() => undefined);
}

async function load(input: PdfInput, password: string | undefined, opts: OpenOptions): Promise<PDFDocumentProxy> {
  // pdfjs is loaded by the first file opened, not by importing this module (batch runners check headers only)
  const [{ pdfjs, pdfjsAssets, CachedBinaryDataFactory }, { leasePdfWorker }] = await Promise.all([import('./pdfjs.js'), import('./pdfjs-worker.js')]);
  let rejectLost: (e: AnalysisError) => void = () => undefined;
  const lost = new Promise<never>((_, reject) => (rejectLost = reject));
  lost.catch(() => undefined); // surfaces where it is raced
  // parsing and image decoding run in the shared pdfjs thread, never on the caller's event loop
  const lease = leasePdfWorker(pdfjs);
  const task = pdfjs.getDocument({
    data: input.bytes.slice(), // pdfjs detaches the buffer it is given
    worker: lease.worker,
    password,
    ...pdfjsAssets,
    // a document only read needs no substitute font outlines: parsing them costs up to ~4 ms per
    // font per file, and the character boxes stay the same without them (src/facts/font-metrics.ts)
    ...(opts.readOnly ? { standardFontDataUrl: undefined } : {}),
    BinaryDataFactory: CachedBinaryDataFactory,
    isEvalSupported: false,
    useSystemFonts: false,
    stopAtErrors: false,
    maxImageSize: opts.maxImagePixels ?? -1,
    // Node's default (true) makes pdf.js build a path for every glyph shown, for drawing text
    // without font faces; a document only read has no use for them (readOnlyFonts below)
    ...(opts.readOnly ? { disableFontFace: false } : {}),
    // warnings are how pdf.js says it skipped something: caught per analysis (pdfjs-warnings.ts)
    verbosity: pdfjs.VerbosityLevel.WARNINGS,
  });
  lease.onDeath((why, code) => {
    void task.destroy().catch(() => undefined);
    // pdf.js leaves the calls pending on a dead worker unanswered: fail them through readerLost
    rejectLost(code ? new AnalysisError(code, why, input.path) : new AnalysisError('internal', `the PDF reader thread stopped (${why})`, input.path));
  });
  try {
    const doc = await task.promise;
    if (opts.readOnly) readOnlyFonts(doc);
    lostReader.set(doc, lost);
    if (doc.numPages < 1) throw new AnalysisError('damaged', 'damaged PDF: no pages', input.path);
    const destroy = doc.destroy.bind(doc);
    doc.destroy = () => destroy().finally(() => lease.release());
    return doc;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    lease.release();
    throw e;
  }
}

/**
 * Fonts of a document that is never drawn are not installed. With font faces enabled, pdf.js hands
 * each font to its font loader, which in Node has no document to install it in: the failure asks
 * the pdf.js thread for a path of every glyph used so far (one message each), the work readOnly
 * avoids. The loader's `bind` is pdf.js's own (WorkerTransport.fontLoader, pdf.js 5); if a later
 * version moves it, nothing is patched and pdf.js builds the paths as before: slower, same facts.
 * Glyph widths, Unicode values and font metrics come from the pdf.js thread either way.
 */
function readOnlyFonts(doc: PDFDocumentProxy): void {
  const loader = (doc as unknown as { _transport?: { fontLoader?: { bind?: unknown } } })._transport?.fontLoader;
  if (loader && typeof loader.bind === 'function') loader.bind = () => Promise.resolve();
}

export function classifyLoadError(e: unknown, path: string, password?: string): AnalysisError {
  if (e instanceof AnalysisError) return e;
  const err = e as { name?: string; message?: string; code?: number };
  if (err?.name === 'PasswordException') {
    return password === undefined
      ? new AnalysisError('needs-password', 'encrypted PDF: needs a password (--password)', path)
      : new AnalysisError('needs-password', 'encrypted PDF: the password is wrong', path);
  }
  // whatever stops pdf.js from opening the file is the file's damage (its parser throws plain
  // TypeErrors too on some corrupt structures)
  const msg = oneLine(e).replace(/\.$/, '').replace(/^Invalid PDF structure$/, 'invalid PDF structure (truncated or corrupt)');
  return new AnalysisError('damaged', `damaged PDF: ${msg}`, path, { cause: e });
}
