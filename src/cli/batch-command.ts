/** `redactmap batch <folder> --out <dir>`: analyse a folder of filings (see src/batch/run-batch.ts). */
import path from 'node:path';
import { oneLine } from '../errors.js';
import { BatchFatalError, BatchUsageError, runBatch, type BatchEvents } from '../batch/run-batch.js';
import { ProgressReporter } from './batch-progress.js';
import type { Io } from './analyze-command.js';
import { EXIT } from './exit-codes.js';
import { checkSettings, readPassword, UsageError } from './options.js';
import type { OcrEngineChoice } from '../settings.js';

export interface BatchCommandOptions {
  out: string;
  recursive?: boolean;
  jobs?: number;
  timeout?: number;
  resume?: boolean;
  markdown?: boolean;
  overlays?: boolean;
  html?: boolean;
  failOnLeak?: boolean;
  quiet?: boolean;
  password?: string;
  passwordFile?: string;
  ocr?: 'auto' | 'always' | 'never';
  ocrEngine?: OcrEngineChoice;
  dpi?: number;
  /** Memory ceiling of each worker, MiB. */
  maxMemory?: number;
}

/** Exit codes of a run stopped by a signal (128 + signal number, as shells report). */
export const INTERRUPTED = { SIGINT: 130, SIGTERM: 143 } as const;

export async function runBatchCommand(folder: string, opts: BatchCommandOptions, io: Io): Promise<number> {
  let password: string | undefined;
  try {
    password = await readPassword(opts);
    checkSettings({ password, ocr: opts.ocr, ocrEngine: opts.ocrEngine, dpi: opts.dpi, jobs: opts.jobs, maxMemoryMb: opts.maxMemory, timeoutSeconds: opts.timeout });
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`redactmap: ${e.message}\n`);
    return EXIT.usage;
  }
  const tty = io.stderrTty ?? Boolean(process.stderr.isTTY);
  const events: BatchEvents | undefined = opts.quiet
    ? undefined
    : new ProgressReporter({
        write: io.stderr,
        tty,
        columns: () => process.stderr.columns,
        outDir: opts.out,
        color: tty && !process.env.NO_COLOR,
      });
  if (events) {
    // folders that could not be read are worth a warning even when the run succeeds
    const start = events.start.bind(events);
    events.start = (info) => {
      start(info);
      for (const u of info.unreadable) io.stderr(`redactmap: warning: cannot read folder ${path.join(folder, u.rel)} (${u.reason})\n`);
      if (info.total === 0) io.stderr(`redactmap: warning: no PDFs found in ${folder}${opts.recursive ? '' : ' (use --recursive for sub-folders)'}\n`);
    };
  }

  const controller = new AbortController();
  let signal: keyof typeof INTERRUPTED | undefined;
  // every Ctrl-C is ours until the run has stopped (a second one must not kill the process before
  // the workers are gone and the lock is released)
  const stop = (s: keyof typeof INTERRUPTED) => () => {
    signal ??= s;
    controller.abort();
  };
  const onInt = stop('SIGINT');
  const onTerm = stop('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  try {
    const result = await runBatch(folder, {
      out: opts.out,
      recursive: opts.recursive,
      jobs: opts.jobs,
      timeoutSeconds: opts.timeout,
      resume: opts.resume,
      markdown: opts.markdown,
      overlays: opts.overlays,
      html: opts.html,
      settings: { password, ocr: opts.ocr, ocrEngine: opts.ocrEngine, dpi: opts.dpi, maxMemoryMb: opts.maxMemory },
      events,
      signal: controller.signal,
    });
    if (result.interrupted) return INTERRUPTED[signal ?? 'SIGINT'];
    const failed = result.index.totals.error;
    if (failed && opts.quiet) {
      io.stderr(`redactmap: ${failed} of ${result.index.totals.files} files failed (see ${path.join(opts.out, 'index.json')})\n`);
    }
    if (failed) return EXIT.failed;
    return opts.failOnLeak && result.index.files.some((f) => (f.summary?.leaks ?? 0) > 0) ? EXIT.leak : EXIT.ok;
  } catch (e) {
    if (e instanceof BatchUsageError) {
      io.stderr(`redactmap: ${e.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`redactmap: batch stopped: ${e instanceof BatchFatalError ? e.message : `internal error: ${oneLine(e)}`}\n`);
    return EXIT.failed;
  } finally {
    process.removeListener('SIGINT', onInt);
    process.removeListener('SIGTERM', onTerm);
  }
}
