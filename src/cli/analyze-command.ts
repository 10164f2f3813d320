/** `redactmap analyze <file.pdf>`: analyse one filing and print or write its report. */
import { analyze } from '../analyze.js';
import { isAnalysisError, oneLine } from '../errors.js';
import { formatMarkdown } from '../output/markdown.js';
import { writeOverlays } from '../output/overlays.js';
import { formatSummary } from '../output/terminal.js';
import { writeFileAtomic } from '../output/write-file.js';
import type { Report } from '../report/schema.js';
import { EXIT } from './exit-codes.js';

export const OUTPUT_FORMATS = ['text', 'markdown', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface AnalyzeCommandOptions {
  json?: boolean;
  format?: OutputFormat;
  out?: string;
  overlays?: string;
  password?: string;
  failOnLeak?: boolean;
  ocr?: 'auto' | 'always' | 'never';
  dpi?: number;
  jobs?: number;
}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  color: boolean;
  /** stderr is a terminal (progress bar). Default: process.stderr.isTTY. */
  stderrTty?: boolean;
}

export function render(report: Report, format: OutputFormat, color: boolean): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'markdown':
      return formatMarkdown(report);
    default:
      return formatSummary(report, { color });
  }
}

/** The format: --json, else --format, else by the --out file's extension (.json, .md), else text. */
export function formatFor(opts: AnalyzeCommandOptions): OutputFormat {
  if (opts.json) return 'json';
  if (opts.format) return opts.format;
  if (opts.out && /\.json$/i.test(opts.out)) return 'json';
  if (opts.out && /\.(md|markdown)$/i.test(opts.out)) return 'markdown';
  return 'text';
}

export async function runAnalyze(file: string, opts: AnalyzeCommandOptions, io: Io): Promise<number> {
  let report: Report;
  try {
    const progress = pageProgress(file, io);
    try {
      report = await analyze(file, { password: opts.password, ocr: opts.ocr, dpi: opts.dpi, jobs: opts.jobs, onProgress: progress.update });
    } finally {
      progress.done();
    }
  } catch (e) {
    const reason = isAnalysisError(e) ? e.message : `internal error: ${oneLine(e)}`;
    io.stderr(`redactmap: ${file}: ${reason}\n`);
    return EXIT.failed;
  }
  const format = formatFor(opts);
  if (opts.out) {
    try {
      await writeFileAtomic(opts.out, render(report, format, false));
    } catch (e) {
      io.stderr(`redactmap: ${opts.out}: cannot write report (${oneLine(e)})\n`);
      return EXIT.failed;
    }
    // the file holds the report; the terminal gets the short summary unless it asked for JSON
    if (format !== 'text') io.stdout(formatSummary(report, { color: io.color }));
    else io.stdout(`report written to ${opts.out}\n`);
  } else {
    io.stdout(render(report, format, io.color));
  }
  if (opts.overlays) {
    try {
      const files = await writeOverlays(file, report, opts.overlays, { password: opts.password });
      io.stderr(`redactmap: ${files.length} overlay image${files.length === 1 ? '' : 's'} written to ${opts.overlays}\n`);
    } catch (e) {
      io.stderr(`redactmap: ${opts.overlays}: cannot write overlays (${isAnalysisError(e) ? e.message : oneLine(e)})\n`);
      return EXIT.failed;
    }
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
