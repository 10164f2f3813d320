/** `redactmap analyze <file.pdf>`: analyse one filing and print or write its report. */
import { analyze } from '../analyze.js';
import { isAnalysisError, oneLine } from '../errors.js';
import { formatSummary } from '../output/terminal.js';
import { writeFileAtomic } from '../output/write-file.js';
import type { Report } from '../report/schema.js';
import { EXIT } from './exit-codes.js';

export type OutputFormat = 'text' | 'json';

export interface AnalyzeCommandOptions {
  json?: boolean;
  format?: OutputFormat;
  out?: string;
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
}

export function render(report: Report, format: OutputFormat, color: boolean): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    default:
      return formatSummary(report, { color });
  }
}

/** The format for --out FILE when none was given: by the file's extension. */
export function formatFor(opts: AnalyzeCommandOptions): OutputFormat {
  if (opts.json) return 'json';
  if (opts.format) return opts.format;
  if (opts.out && /\.json$/i.test(opts.out)) return 'json';
  return 'text';
}

export async function runAnalyze(file: string, opts: AnalyzeCommandOptions, io: Io): Promise<number> {
  let report: Report;
  try {
    report = await analyze(file, { password: opts.password, ocr: opts.ocr, dpi: opts.dpi, jobs: opts.jobs });
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
  return opts.failOnLeak && report.leaks.length > 0 ? EXIT.leak : EXIT.ok;
}
