/**
 * One file analysed in a worker process of its own, within the limits of its settings: the memory
 * ceiling (`maxMemoryMb`, kept by the worker's watchdog thread) and the time limit (`timeoutSeconds`,
 * kept by the analysis and, as a last resort, by killing the worker). What strangers' files can do
 * to memory and time stays in that process: `redactmap analyze` runs this way, and so can a library
 * user (`analyzeFile`); `analyze()` runs in the caller's own process, without the memory ceiling.
 *
 * It reuses the batch's worker pool (pool.ts): the same process isolation, crash and time-limit
 * handling, and worker module. The worker is kept warm for the next call with the same limits (it
 * does not keep the process alive, and exits with it); a call that finds it busy, or that can be
 * aborted, gets a worker of its own.
 */
import os from 'node:os';
import type { AnalyzeOptions } from '../analyze.js';
import { abortedError, AnalysisError } from '../errors.js';
import type { PdfSource } from '../load/open-pdf.js';
import type { Report } from '../report/schema.js';
import { DEFAULT_MAX_MEMORY_MB, resolveSettings } from '../settings.js';
import { discardPrestarted, poolLimits, prestartWorkers, WorkerPool, type PoolOptions, type TaskOutcome } from './pool.js';
import type { TaskSpec } from './protocol.js';

export interface AnalyzeFileOptions extends Omit<AnalyzeOptions, 'ocrPool'> {
  /** Also draw the overlay PNGs into this folder (in the worker, within its limits). */
  overlaysDir?: string;
  /** Also draw the review page (HTML), in the worker. */
  html?: boolean;
  /** Worker pool knobs (tests). */
  pool?: Partial<PoolOptions>;
  /**
   * No other file follows in this process (the command line's `analyze`): the worker keeps no OCR
   * engine warm for a next call (it would start tesseract for nobody, as the run ends).
   */
  last?: boolean;
}

/** What the worker answered: the report, and how the run went (memory, overlays). */
export interface IsolatedResult {
  report: Report;
  /** One line when overlays were asked for and could not be drawn. */
  overlayError?: string;
  /** The review page, when asked for (or one line saying why it could not be drawn). */
  html?: string;
  htmlError?: string;
  /** Peak resident memory of the worker process, bytes. */
  peakRss?: number;
}

/** Analyse one PDF in a worker process within its memory and time limits (see the module comment). */
export async function analyzeFile(input: PdfSource, options: AnalyzeFileOptions = {}): Promise<Report> {
  return (await analyzeIsolated(input, options)).report;
}

/** analyzeFile, with what the run measured. A failure is an AnalysisError, as from analyze(). */
export async function analyzeIsolated(input: PdfSource, options: AnalyzeFileOptions = {}): Promise<IsolatedResult> {
  const outcome = await runIsolated(input, options);
  const label = typeof input === 'string' ? (options.path ?? input) : (options.path ?? '<bytes>');
  if (outcome.type === 'failed') throw new AnalysisError(outcome.code, outcome.message, label);
  return {
    report: JSON.parse(outcome.json) as Report,
    ...(outcome.overlayError ? { overlayError: outcome.overlayError } : {}),
    ...(outcome.html !== undefined ? { html: outcome.html } : {}),
    ...(outcome.htmlError ? { htmlError: outcome.htmlError } : {}),
    ...(outcome.peakRss !== undefined ? { peakRss: outcome.peakRss } : {}),
  };
}

/** The worker's raw outcome (the fuzz harness classifies these). Never rejects. */
export async function runIsolated(input: PdfSource, options: AnalyzeFileOptions = {}): Promise<TaskOutcome> {
  const { path, onProgress, signal, overlaysDir, html, pool: poolOptions, last, ...given } = options;
  // check the settings here, where a mistake is the caller's (SettingsError), not the file's
  const settings = resolveSettings(given);
  const limits: PoolOptions = { size: 1, ...poolLimits(settings), ...poolOptions };
  const key = JSON.stringify(limits);
  let warm = signal ? undefined : warmPools.get(key);
  if (!signal && !warm) warmPools.set(key, (warm = new WorkerPool({ ...limits, unrefWhenIdle: true })));
  const own = !warm || warm.busy();
  const pool = own ? new WorkerPool(limits) : warm!;
  const task: TaskSpec = {
    file: typeof input === 'string' ? input : (path ?? '<bytes>'),
    ...(typeof input === 'string' ? {} : { bytes: input instanceof ArrayBuffer ? new Uint8Array(input) : input }),
    label: path ?? (typeof input === 'string' ? input : '<bytes>'),
    settings: { ...given, jobs: settings.jobs ?? os.availableParallelism() },
    markdown: false,
    ...(html ? { html: true } : {}),
    ...(overlaysDir ? { overlaysDir } : {}),
    ...(last ? { last } : {}),
  };
  const stop = () => void pool.close();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    // aborted: as analyze() says it (code `aborted`, the signal's reason)
    const aborted = () => ({ type: 'failed' as const, id: 0, code: abortedError(signal!).code, message: abortedError(signal!).message });
    if (signal?.aborted) return aborted();
    const outcome = await pool.run(task, { onProgress });
    if (signal?.aborted && outcome.type === 'failed') return aborted();
    return outcome;
  } finally {
    signal?.removeEventListener('abort', stop);
    if (own) await pool.shutdown();
  }
}

/** Warm single-worker pools by their limits (see the module comment). */
const warmPools = new Map<string, WorkerPool>();

/**
 * Fork `count` analysis worker processes now, with the default memory ceiling, for the next pools
 * (analyzeIsolated's, or a batch's) to take: the command line calls it first thing for `analyze`
 * and `batch`, so the workers load the pipeline while the command line starts (pool.ts,
 * prestartWorkers). A pool with other limits forks its own; shutdownWarmWorkers() ends the workers
 * nothing took.
 */
export function prestartAnalysisWorkers(count = 1): void {
  prestartWorkers(count, { maxMemoryMb: DEFAULT_MAX_MEMORY_MB });
}

/** Retire the warm workers, end prestarted ones nothing took, and wait for them to exit (the command line does, before it exits). */
export async function shutdownWarmWorkers(): Promise<void> {
  const pools = [...warmPools.values()];
  warmPools.clear();
  await Promise.all([discardPrestarted(), ...pools.map((p) => p.shutdown())]);
}
