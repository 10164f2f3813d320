/** `redactmap enqueue | worker | status`: the queue on Redis (see src/queue/). */
import { mkdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Queue } from 'bullmq';
import { oneLine } from '../errors.js';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS } from '../settings.js';
import { checkSettings, readPassword, UsageError } from './options.js';
import { checkRedis, redactedUrl, redisOptions, RedisUnreachableError, RedisUsageError } from '../queue/connection.js';
import { collectInputs, InputUsageError } from '../queue/inputs.js';
import { DEFAULT_QUEUE_NAME, DEFAULT_STALLED_SECONDS, parseRetryCodes, RetryCodesError } from '../queue/jobs.js';
import { enqueueInputs, indexFromJobs, waitForJobs, writeIndex, type Enqueued } from '../queue/producer.js';
import { formatStatus, queueStatus } from '../queue/status.js';
import { runQueueWorker } from '../queue/worker.js';
import type { Io } from './analyze-command.js';
import { INTERRUPTED } from './batch-command.js';
import { EXIT } from './exit-codes.js';
import type { CommandHooks } from './serve-command.js';

interface RedisCommandOptions {
  redis?: string;
  queueName?: string;
}

export interface EnqueueCommandOptions extends RedisCommandOptions {
  recursive?: boolean;
  out?: string;
  wait?: boolean;
  priority?: number;
  markdown?: boolean;
  quiet?: boolean;
  password?: string;
  passwordFile?: string;
  ocr?: 'auto' | 'always' | 'never';
  dpi?: number;
  /** `--retry-failed [codes]`: true for every code, else the comma-separated list. */
  retryFailed?: string | true;
}

export interface WorkerCommandOptions extends RedisCommandOptions {
  out: string;
  jobs?: number;
  timeout?: number;
  /** Memory ceiling of each analysis, MiB (--max-memory). */
  maxMemory?: number;
  stalledSeconds?: number;
  quiet?: boolean;
}

export interface StatusCommandOptions extends RedisCommandOptions {
  json?: boolean;
}

/** The Redis URL, checked: a usage error when missing or malformed, exit 1 when unreachable. */
async function reachRedis(opts: RedisCommandOptions): Promise<string> {
  const url = opts.redis ?? process.env.REDACTMAP_REDIS;
  if (!url) throw new UsageError('--redis <url> is required (or set REDACTMAP_REDIS), e.g. --redis redis://127.0.0.1:6379');
  redisOptions(url);
  await checkRedis(url);
  return url;
}

/** Usage problems → 2, an unreachable Redis or anything else → 1, one line each. */
async function guarded(io: Io, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof UsageError || e instanceof RedisUsageError || e instanceof InputUsageError || e instanceof RetryCodesError) {
      io.stderr(`redactmap: ${e.message}\n`);
      return EXIT.usage;
    }
    io.stderr(`redactmap: ${e instanceof RedisUnreachableError ? e.message : `internal error: ${oneLine(e)}`}\n`);
    return EXIT.failed;
  }
}

/** Resolves the signal's exit code on SIGINT/SIGTERM, with an AbortSignal for the work to stop. */
function interruptions() {
  const controller = new AbortController();
  const force = new AbortController();
  let signal: keyof typeof INTERRUPTED | undefined;
  const on = (s: keyof typeof INTERRUPTED) => () => {
    if (signal) force.abort();
    signal ??= s;
    controller.abort();
  };
  const onInt = on('SIGINT');
  const onTerm = on('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    signal: controller.signal,
    force: force.signal,
    code: () => (signal ? INTERRUPTED[signal] : undefined),
    dispose: () => {
      process.removeListener('SIGINT', onInt);
      process.removeListener('SIGTERM', onTerm);
    },
  };
}

export function runEnqueueCommand(source: string, opts: EnqueueCommandOptions, io: Io): Promise<number> {
  return guarded(io, async () => {
    if (opts.out && !opts.wait) throw new UsageError('--out needs --wait (index.json and summary.csv are written once every job has ended)');
    const retryFailed = opts.retryFailed === undefined ? undefined : parseRetryCodes(opts.retryFailed);
    // a value out of range is the command line's error now, not every job's failure later
    checkSettings({ ocr: opts.ocr, dpi: opts.dpi });
    const password = await readPassword(opts);
    const found = await collectInputs(source, { recursive: opts.recursive });
    const url = await reachRedis(opts);
    const queue = new Queue(opts.queueName ?? DEFAULT_QUEUE_NAME, { connection: redisOptions(url) });
    let stop: ReturnType<typeof interruptions> | undefined;
    try {
      for (const m of found.missing) io.stderr(`redactmap: warning: cannot read ${m.rel} (${m.reason}): not enqueued\n`);
      if (found.inputs.length === 0) io.stderr(`redactmap: warning: no PDFs found in ${source}${opts.recursive ? '' : ' (use --recursive for sub-folders)'}\n`);
      const settings = { ...(password !== undefined ? { password } : {}), ...(opts.ocr ? { ocr: opts.ocr } : {}), ...(opts.dpi ? { dpi: opts.dpi } : {}) };
      const done = await enqueueInputs(queue, found.inputs, { settings, markdown: opts.markdown, priority: opts.priority, retryFailed });
      io.stderr(`redactmap: ${enqueuedLine(queue.name, done, retryFailed !== undefined)}\n`);
      if (!opts.wait) return found.missing.length ? EXIT.failed : EXIT.ok;

      // Ctrl-C or SIGTERM while waiting stops the wait, not the jobs
      stop = interruptions();
      const tty = io.stderrTty ?? Boolean(process.stderr.isTTY);
      let last = -1;
      const ended = await waitForJobs(
        queue,
        done.ids,
        (n, total) => {
          if (opts.quiet || n === last) return;
          last = n;
          io.stderr(tty ? `\r\x1b[K${n} of ${total} ended` : `${n} of ${total} ended\n`);
        },
        stop.signal,
      );
      if (tty && !opts.quiet) io.stderr('\n');
      if (!ended) return stop.code() ?? EXIT.failed;
      const index = await indexFromJobs(queue, found.inputs, done.ids, found.missing);
      if (opts.out) {
        await mkdir(opts.out, { recursive: true });
        await writeIndex(opts.out, index);
      }
      for (const e of index.files) if (e.status === 'error') io.stderr(`redactmap: ${e.path}: ${e.error}\n`);
      io.stderr(`redactmap: ${index.totals.ok} analysed, ${index.totals.error} failed${opts.out ? ` (index in ${path.join(opts.out, 'index.json')})` : ''}\n`);
      return index.totals.error ? EXIT.failed : EXIT.ok;
    } finally {
      stop?.dispose();
      await queue.close();
    }
  });
}

/**
 * enqueue's summary: "3 files enqueued on redactmap, 2 failed jobs retried (5 already queued or
 * done: same sha256; 1 of them failed, with another code)". Without --retry-failed, failed jobs
 * among those already there are counted with how to run them again.
 */
export function enqueuedLine(queueName: string, done: Enqueued, retrying: boolean): string {
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  let line = `${plural(done.added, 'file')} enqueued on ${queueName}`;
  if (retrying) line += `, ${plural(done.retried, 'failed job')} retried`;
  if (done.existing) {
    const failed = !done.failed ? '' : retrying ? `; ${done.failed} of them failed, with another code` : `; ${done.failed} of them failed: --retry-failed queues them again`;
    line += ` (${done.existing} already queued or done: same sha256${failed})`;
  }
  return line;
}

export function runWorkerCommand(opts: WorkerCommandOptions, io: Io, hooks: CommandHooks = {}): Promise<number> {
  return guarded(io, async () => {
    const info = await stat(opts.out).catch(() => undefined);
    if (info && !info.isDirectory()) throw new UsageError(`--out ${opts.out}: exists and is not a folder`);
    await mkdir(opts.out, { recursive: true }).catch((e: NodeJS.ErrnoException) => {
      throw new UsageError(`--out ${opts.out}: cannot create folder (${e.code ?? oneLine(e)})`);
    });
    // the limits are this worker's (its machine's), not the job's: checked before Redis is reached
    const limits = { timeoutSeconds: opts.timeout ?? DEFAULT_TIMEOUT_SECONDS, maxMemoryMb: opts.maxMemory ?? DEFAULT_MAX_MEMORY_MB };
    checkSettings(limits);
    const url = await reachRedis(opts);
    const jobs = opts.jobs ?? os.availableParallelism();
    const queueName = opts.queueName ?? DEFAULT_QUEUE_NAME;
    const stop = interruptions();
    const log = (line: string) => {
      if (!opts.quiet) io.stderr(`${line}\n`);
    };
    stop.signal.addEventListener('abort', () => log('stopping: finishing the jobs in hand (again to stop at once)'), { once: true });
    io.stderr(`redactmap: worker on ${queueName} at ${redactedUrl(url)}: ${jobs} at once, reports to ${opts.out}\n`);
    try {
      const r = await runQueueWorker({
        redis: url,
        queueName,
        out: opts.out,
        jobs,
        limits,
        stalledSeconds: opts.stalledSeconds ?? DEFAULT_STALLED_SECONDS,
        log,
        signal: stop.signal,
        forceSignal: stop.force,
        pool: hooks.pool,
      });
      if (r.fatal) {
        io.stderr(`redactmap: worker stopped: ${r.fatal}\n`);
        return EXIT.failed;
      }
      io.stderr('redactmap: worker stopped\n');
      return EXIT.ok;
    } finally {
      stop.dispose();
    }
  });
}

export function runStatusCommand(opts: StatusCommandOptions, io: Io): Promise<number> {
  return guarded(io, async () => {
    const url = await reachRedis(opts);
    const queue = new Queue(opts.queueName ?? DEFAULT_QUEUE_NAME, { connection: redisOptions(url) });
    try {
      const s = await queueStatus(queue);
      io.stdout(opts.json ? JSON.stringify(s, null, 2) + '\n' : formatStatus(s));
      return EXIT.ok;
    } finally {
      await queue.close();
    }
  });
}
