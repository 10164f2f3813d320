/**
 * `redactmap analyze <file.pdf>`: analyse one filing and print or write its report. The analysis,
 * and the pictures it draws (review page, overlays), run in a worker process within --max-memory
 * and --timeout (batch/isolated.ts): a hostile file fails alone, with its reason, and never takes
 * the machine down.
 */
import { isAnalysisError, oneLine } from '../errors.js';
import { analyzeIsolated, type IsolatedResult } from '../batch/isolated.js';
import { MAX_FILE_BYTES, type PdfSource } from '../load/open-pdf.js';
import { formatMarkdown } from '../output/markdown.js';
import { formatSidecar } from '../output/sidecar.js';
import { formatSummary, formatWarnings } from '../output/terminal.js';
import { writeFileAtomic } from '../output/write-file.js';
import type { Report } from '../report/schema.js';
import type { OcrEngineChoice, OcrMode } from '../settings.js';
import { EXIT } from './exit-codes.js';
import { checkFile, checkFolder, checkSettings, formatBytes, readPassword, UsageError } from './options.js';

export const OUTPUT_FORMATS = ['text', 'markdown', 'json', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const FORMAT_NAMES: Record<OutputFormat, string> = { text: 'summary', markdown: 'Markdown report', json: 'JSON report', html: 'review page' };

export interface AnalyzeCommandOptions {
  json?: boolean;
  format?: OutputFormat;
  out?: string;
  overlays?: string;
  sidecar?: string;
  password?: string;
  passwordFile?: string;
  failOnLeak?: boolean;
  ocr?: OcrMode;
  ocrEngine?: OcrEngineChoice;
  dpi?: number;
  jobs?: number;
  /** Memory ceiling, MiB (--max-memory). */
  maxMemory?: number;
  /** Time limit, seconds; 0 for none (--timeout). */
  timeout?: number;
}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  color: boolean;
  /** stderr is a terminal (progress bar). Default: process.stderr.isTTY. */
  stderrTty?: boolean;
  /** The bytes of standard input (`analyze -`). Default: read process.stdin. */
  stdin?: () => Promise<Uint8Array>;
}

/** The report in a format; the review page renders the PDF's pages, hence the input. */
export async function render(report: Report, format: OutputFormat, color: boolean, input?: PdfSource, password?: string): Promise<string> {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'markdown':
      return formatMarkdown(report);
    case 'html':
      // the page renderer (canvas, pdfjs) is loaded only to draw a review page
      return (await import('../output/review.js')).reviewHtml(input ?? report.file.path, report, { password });
    default:
      return formatSummary(report, { color });
  }
}

/** The format: --json, else --format, else by the --out file's extension (.json, .md, .html), else text. */
export function formatFor(opts: AnalyzeCommandOptions): OutputFormat {
  if (opts.json) return 'json';
  if (opts.format) return opts.format;
  if (opts.out && /\.json$/i.test(opts.out)) return 'json';
  if (opts.out && /\.(md|markdown)$/i.test(opts.out)) return 'markdown';
  if (opts.out && /\.html?$/i.test(opts.out)) return 'html';
  return 'text';
}

/** All of standard input, within the file size limit. */
export async function readStdin(): Promise<Uint8Array> {
  if (process.stdin.isTTY) throw new UsageError('analyze -: reads the PDF from standard input, which is a terminal (pipe a file in: < filing.pdf)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_FILE_BYTES) throw new UsageError('analyze -: standard input is over the 1 GiB limit');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

interface Prepared {
  input: PdfSource;
  label: string;
  password: string | undefined;
}

/** Everything that can be wrong with the command line is found here, before the analysis. */
async function prepare(file: string, opts: AnalyzeCommandOptions, io: Io): Promise<Prepared> {
  const password = await readPassword(opts);
  checkSettings({ password, ocr: opts.ocr, ocrEngine: opts.ocrEngine, dpi: opts.dpi, jobs: opts.jobs, maxMemoryMb: opts.maxMemory, timeoutSeconds: opts.timeout });
  await checkFolder('--overlays', opts.overlays);
  await checkFile('--out', opts.out);
  await checkFile('--sidecar', opts.sidecar);
  if (file !== '-') return { input: file, label: file, password };
  return { input: await (io.stdin ?? readStdin)(), label: '<stdin>', password };
}

async function write(io: Io, file: string, what: string, data: string): Promise<boolean> {
  try {
    await writeFileAtomic(file, data);
  } catch (e) {
    io.stderr(`redactmap: ${file}: cannot write the ${what} (${oneLine(e)})\n`);
    return false;
  }
  io.stderr(`redactmap: ${what} written to ${file} (${formatBytes(Buffer.byteLength(data))})\n`);
  return true;
}

export async function runAnalyze(file: string, opts: AnalyzeCommandOptions, io: Io): Promise<number> {
  let prepared: Prepared;
  try {
    prepared = await prepare(file, opts, io);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`redactmap: ${e.message}\n`);
    return EXIT.usage;
  }
  const { input, label, password } = prepared;
  const format = formatFor(opts);
  let result: IsolatedResult;
  const progress = pageProgress(label, io);
  try {
    result = await analyzeIsolated(input, {
      path: label,
      password,
      ocr: opts.ocr,
      ocrEngine: opts.ocrEngine,
      dpi: opts.dpi,
      jobs: opts.jobs,
      maxMemoryMb: opts.maxMemory,
      timeoutSeconds: opts.timeout,
      onProgress: progress.update,
      // one file: the worker keeps no OCR engine warm for a next one
      last: true,
      ...(opts.overlays ? { overlaysDir: opts.overlays } : {}),
      ...(format === 'html' ? { html: true } : {}),
    });
  } catch (e) {
    io.stderr(`redactmap: ${label}: ${isAnalysisError(e) ? e.message : `internal error: ${oneLine(e)}`}\n`);
    return EXIT.failed;
  } finally {
    progress.done();
  }
  const { report } = result;
  // what was skipped is said on the terminal too, whatever the format
  io.stderr(formatWarnings(report, label));
  let text: string;
  try {
    if (format === 'html' && (result.htmlError || result.html === undefined)) throw new Error(result.htmlError ?? 'not drawn');
    text = format === 'html' ? result.html! : await render(report, format, Boolean(io.color && !opts.out), input, password);
  } catch (e) {
    io.stderr(`redactmap: ${label}: cannot draw the ${FORMAT_NAMES[format]} (${isAnalysisError(e) ? e.message : oneLine(e)})\n`);
    return EXIT.failed;
  }
  if (opts.out) {
    if (!(await write(io, opts.out, FORMAT_NAMES[format], text))) return EXIT.failed;
    // the file holds the report; the terminal gets the short summary
    io.stdout(formatSummary(report, { color: io.color, wrote: format === 'html' ? opts.out : undefined, input: label }));
  } else {
    io.stdout(format === 'text' ? formatSummary(report, { color: io.color, input: label }) : text);
  }
  if (opts.sidecar && !(await write(io, opts.sidecar, 'sidecar text', formatSidecar(report)))) return EXIT.failed;
  if (opts.overlays) {
    // drawn by the worker, within its limits
    if (result.overlayError) {
      io.stderr(`redactmap: ${opts.overlays}: cannot write overlays (${result.overlayError.replace(/^overlays not drawn: /, '')})\n`);
      return EXIT.failed;
    }
    const n = report.pages.length;
    io.stderr(`redactmap: ${n} overlay image${n === 1 ? '' : 's'} written to ${opts.overlays}\n`);
  }
  return opts.failOnLeak && report.leaks.length > 0 ? EXIT.leak : EXIT.ok;
}

/**
 * Pages done of total on stderr while a long analysis (OCR) runs, redrawn in place; only on a
 * terminal and only once the run has taken more than a second, so quick runs stay silent.
 */
export function pageProgress(file: string, io: Io, now: () => number = Date.now): { update: (done: number, total: number) => void; done: () => void } {
  const tty = io.stderrTty ?? Boolean(process.stderr.isTTY);
  const start = now();
  let shown = false;
  return {
    update(done, total) {
      if (!tty || now() - start < 1000 || done >= total) return;
      const secs = Math.round((now() - start) / 1000);
      io.stderr(`\r\x1b[K${file}: page ${done} of ${total} read (${secs} s)`);
      shown = true;
    },
    done() {
      if (shown) io.stderr('\r\x1b[K');
    },
  };
}
