/**
 * `redactmap worker`: take jobs from the queue and analyse them with batch's worker pool (the same
 * code and per-file limits as `batch`), writing each report atomically into the output folder.
 *
 * - A report is written at most once: the JSON report is hard-linked into place (never over an
 *   existing one), and a job whose report is already there (its earlier holder died after writing
 *   it) is answered from that report without analysing again.
 * - A file failure (damaged, password, ...) is final: UnrecoverableError, no retry. A dead analysis
 *   process is retried with backoff. A dead worker's job is taken back by the others when its lock
 *   runs out (BullMQ stalled-job detection).
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { oneLine } from '../errors.js';
import { poolLimits, WorkerPool, type PoolOptions } from '../batch/pool.js';
import { resolveSettings, type SettingsInput } from '../settings.js';
import { writeFileAtomic, writeFileExclusive } from '../output/write-file.js';
import { reportSchema } from '../report/schema.js';
import { textSourceOf } from '../batch/protocol.js';
import { redisOptions } from './connection.js';
import { encodeFailure, isFinal, isLastAttempt, MAX_STALLED_COUNT, type QueueJobData, type QueueJobResult } from './jobs.js';

export interface QueueWorkerOptions {
  redis: string;
  queueName: string;
  /** Output folder (shared storage). */
  out: string;
  /** Jobs analysed at once. */
  jobs: number;
  /** Limits of each analysis: time limit (seconds, 0 for none) and memory ceiling (MiB); default: the settings' defaults. */
  limits?: Pick<SettingsInput, 'timeoutSeconds' | 'maxMemoryMb'>;
  /** Lock duration and stalled-check interval, seconds. */
  stalledSeconds: number;
  /** One line per event (job done, failed, taken back). */
  log: (line: string) => void;
  /** Stop taking jobs; running ones finish. A second abort (force) is `forceSignal`. */
  signal: AbortSignal;
  forceSignal?: AbortSignal;
  pool?: Partial<PoolOptions>;
}

const toFs = (out: string, rel: string) => path.join(out, ...rel.split('/'));

/** Runs until `signal` aborts (then finishes the jobs in hand) or no analysis process can start. */
export async function runQueueWorker(opts: QueueWorkerOptions): Promise<{ fatal?: string }> {
  const out = path.resolve(opts.out);
  // each analysis within this worker's time limit and memory ceiling, as in batch
  const { timeoutSeconds, maxMemoryMb } = resolveSettings(opts.limits);
  const pool = new WorkerPool({ size: opts.jobs, ...poolLimits({ timeoutSeconds, maxMemoryMb }), ...opts.pool });
  const ocrJobs = Math.max(1, Math.floor(os.availableParallelism() / opts.jobs));
  let fatal: string | undefined;
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));

  const handle = async (job: Job<QueueJobData, QueueJobResult>): Promise<QueueJobResult> => {
    const d = job.data;
    const report = `${d.outBase}.json`;
    const target = toFs(out, report);
    const kept = await doneReport(target, d.sha256);
    if (kept) {
      opts.log(`kept ${report} (already written for ${d.label})`);
      return result(d, kept, false);
    }
    const outcome = await pool.run({ file: d.file, label: d.label, settings: { ...d.settings, timeoutSeconds, maxMemoryMb, jobs: ocrJobs }, markdown: d.markdown });
    if (outcome.type === 'failed') {
      if (outcome.fatal) {
        fatal = outcome.message;
        stop();
        throw new Error(encodeFailure('internal', outcome.message));
      }
      const final = isLastAttempt(outcome.code, job.attemptsMade, job.opts.attempts ?? 1);
      opts.log(`failed ${d.label}: ${outcome.message}${final ? '' : ` (attempt ${job.attemptsMade + 1}, will retry)`}`);
      const reason = encodeFailure(outcome.code, outcome.message);
      throw isFinal(outcome.code) ? new UnrecoverableError(reason) : new Error(reason);
    }
    if (outcome.markdown !== undefined) await writeFileAtomic(toFs(out, `${d.outBase}.md`), outcome.markdown);
    let written = await writeFileExclusive(target, outcome.json);
    if (!written && !(await doneReport(target, d.sha256))) {
      // a report of other content under this name (an older run): replace it
      await writeFileAtomic(target, outcome.json);
      written = true;
    }
    opts.log(`${written ? 'wrote' : 'kept'} ${report} (${d.label}: ${outcome.summary.pages} pages, ${outcome.summary.leaks} leaks)`);
    return result(d, { summary: outcome.summary, textSource: outcome.textSource }, written);
  };

  const worker = new Worker<QueueJobData, QueueJobResult>(opts.queueName, handle, {
    connection: { ...redisOptions(opts.redis), maxRetriesPerRequest: null },
    concurrency: opts.jobs,
    lockDuration: opts.stalledSeconds * 1000,
    stalledInterval: opts.stalledSeconds * 1000,
    maxStalledCount: MAX_STALLED_COUNT,
    autorun: false,
  });
  worker.on('error', (e) => opts.log(`redis: ${oneLine(e)}`));
  worker.on('stalled', (id) => opts.log(`took back job ${id.slice(0, 12)}… from a worker that stopped answering`));
  const onStop = () => stop();
  opts.signal.addEventListener('abort', onStop, { once: true });
  if (opts.signal.aborted) stop();
  const onForce = () => void pool.close();
  opts.forceSignal?.addEventListener('abort', onForce, { once: true });

  const running = worker.run();
  running.catch((e: unknown) => {
    fatal = `worker stopped: ${oneLine(e)}`;
    stop();
  });
  await stopped;
  // finish the jobs in hand (a forced stop kills the analyses: those jobs go back to the queue)
  await worker.close(opts.forceSignal?.aborted);
  await running.catch(() => undefined);
  await pool.shutdown();
  opts.signal.removeEventListener('abort', onStop);
  opts.forceSignal?.removeEventListener('abort', onForce);
  return fatal ? { fatal } : {};
}

type Figures = Pick<QueueJobResult, 'summary' | 'textSource'>;

function result(d: QueueJobData, figures: Figures, written: boolean): QueueJobResult {
  return { report: `${d.outBase}.json`, markdown: d.markdown ? `${d.outBase}.md` : null, sha256: d.sha256, ...figures, written };
}

/** The figures of the report at `file` when it is whole, valid and of these bytes. */
async function doneReport(file: string, sha256: string): Promise<Figures | undefined> {
  try {
    const parsed = reportSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success && parsed.data.file.sha256 === sha256 ? { summary: parsed.data.summary, textSource: textSourceOf(parsed.data) } : undefined;
  } catch {
    return undefined;
  }
}
