/**
 * `redactmap enqueue`: one BullMQ job per PDF (id = sha256), and with --wait, follow them until
 * every one has ended, then (with --out) write batch's index.json and summary.csv from the results
 * the workers recorded in Redis.
 */
import path from 'node:path';
import { Job, Queue } from 'bullmq';
import type { BatchInput } from '../batch/discover.js';
import { buildIndex, formatCsv, type BatchIndex, type IndexEntry } from '../batch/index-file.js';
import { sha256File } from '../batch/run-batch.js';
import { writeFileAtomic } from '../output/write-file.js';
import type { FailureCode } from '../errors.js';
import { DEFAULT_PRIORITY, jobOutcome, RETRY_ATTEMPTS, RETRY_BACKOFF_MS, RETRY_RESET, shouldRetry, type QueueJobData, type QueueJobResult } from './jobs.js';

/** Jobs added per round trip. */
const ADD_CHUNK = 500;
/** Files hashed at once. */
const HASH_CONCURRENCY = 4;
/** --wait: pause between looks at the jobs not yet ended, ms. */
export const WAIT_POLL_MS = 1000;
/** --wait: jobs looked at per round stop after this many still running (the rest are later in line). */
const WAIT_SCAN_UNFINISHED = 64;

export interface EnqueueOptions {
  settings?: QueueJobData['settings'];
  markdown?: boolean;
  priority?: number;
  /** `--retry-failed`: failed jobs of these inputs whose failure code is listed are queued again with these options. */
  retryFailed?: readonly FailureCode[];
}

export interface Enqueued {
  /** Job id (sha256) of each input, in input order. */
  ids: string[];
  /** Inputs whose job was new. */
  added: number;
  /** Failed jobs queued again (--retry-failed). */
  retried: number;
  /** Inputs whose content was already queued, running or ended (not queued again). */
  existing: number;
  /** Of `existing`: jobs that had failed (and were not retried). */
  failed: number;
}

type JobOpts = NonNullable<Parameters<Queue['add']>[2]>;

/** What a job of this input carries: the same for a new job and for one retried. */
function jobData(input: BatchInput, id: string, opts: EnqueueOptions): QueueJobData {
  return { file: path.resolve(input.file), label: input.rel, outBase: input.outBase, bytes: input.bytes, sha256: id, settings: opts.settings ?? {}, markdown: Boolean(opts.markdown) };
}

function jobOpts(id: string, opts: EnqueueOptions): JobOpts {
  return { jobId: id, priority: opts.priority ?? DEFAULT_PRIORITY, attempts: RETRY_ATTEMPTS, backoff: { type: 'exponential', delay: RETRY_BACKOFF_MS } };
}

export async function enqueueInputs(queue: Queue, inputs: BatchInput[], opts: EnqueueOptions = {}): Promise<Enqueued> {
  const ids = await mapLimit(inputs, HASH_CONCURRENCY, (i) => sha256File(i.file));
  const seen = new Set<string>();
  const done: Enqueued = { ids, added: 0, retried: 0, existing: 0, failed: 0 };
  const jobs: { name: string; data: QueueJobData; opts: JobOpts }[] = [];
  for (let k = 0; k < inputs.length; k++) {
    const id = ids[k];
    if (seen.has(id)) {
      done.existing++;
      continue;
    }
    seen.add(id);
    const state = await queue.getJobState(id);
    if (state === 'unknown') {
      jobs.push({ name: 'analyze', data: jobData(inputs[k], id, opts), opts: jobOpts(id, opts) });
    } else if (state === 'failed' && opts.retryFailed && (await retryFailedJob(queue, id, state, opts.retryFailed, jobData(inputs[k], id, opts), opts.priority ?? DEFAULT_PRIORITY))) {
      done.retried++;
    } else {
      done.existing++;
      if (state === 'failed') done.failed++;
    }
  }
  for (let k = 0; k < jobs.length; k += ADD_CHUNK) await queue.addBulk(jobs.slice(k, k + ADD_CHUNK));
  done.added = jobs.length;
  return done;
}

/**
 * Queue a failed job again when its failure code is one of `codes`: its data replaced by this
 * enqueue's, its attempts reset, then its priority set (BullMQ's retry puts a job in the plain wait
 * list, which workers take before any prioritised job). Awaited before any --wait poll, so that a
 * poll never sees the earlier failure. False when it is not retried (another code, or no longer
 * failed: another enqueue retried it first).
 */
async function retryFailedJob(queue: Queue, id: string, state: string, codes: readonly FailureCode[], data: QueueJobData, priority: number): Promise<boolean> {
  const job = (await Job.fromId(queue, id)) as Job<QueueJobData, QueueJobResult> | undefined;
  if (!job || !shouldRetry(state, job.failedReason, codes)) return false;
  await job.updateData(data);
  try {
    await job.retry('failed', RETRY_RESET);
  } catch (e) {
    if ((await queue.getJobState(id)) !== 'failed') return false;
    throw e;
  }
  await job.changePriority({ priority });
  // BullMQ's count of the job's stalls survives its retry: a job that failed for stalling too often
  // would fail again at its first stall. Its field is BullMQ's own ('stc', moveStalledJobsToWait)
  await (await queue.client).hdel(queue.toKey(id), STALL_COUNT_FIELD);
  return true;
}

/** The field of a job's hash in which BullMQ counts its stalls (moveStalledJobsToWait-*.lua). */
export const STALL_COUNT_FIELD = 'stc';

/** Wait until every job of `ids` has completed or failed (for good); `onProgress(ended, total)`. */
export async function waitForJobs(queue: Queue, ids: string[], onProgress: (ended: number, total: number) => void, signal?: AbortSignal): Promise<boolean> {
  const outstanding = [...new Set(ids)];
  const total = outstanding.length;
  onProgress(0, total);
  while (outstanding.length && !signal?.aborted) {
    let unfinished = 0;
    for (let k = 0; k < outstanding.length && unfinished < WAIT_SCAN_UNFINISHED; ) {
      const state = await queue.getJobState(outstanding[k]);
      if (state === 'completed' || state === 'failed' || state === 'unknown') outstanding.splice(k, 1);
      else {
        unfinished++;
        k++;
      }
    }
    onProgress(total - outstanding.length, total);
    if (outstanding.length) await sleep(WAIT_POLL_MS, signal);
  }
  return outstanding.length === 0;
}

/** batch's index of the inputs, from the jobs' results in Redis. */
export async function indexFromJobs(queue: Queue, inputs: BatchInput[], ids: string[], missing: { rel: string; reason: string }[]): Promise<BatchIndex> {
  const entries: IndexEntry[] = [];
  // keys in batch's order, so that the same inputs give a byte-identical index.json
  const entry = (rel: string, bytes: number, e: Pick<IndexEntry, 'status' | 'error' | 'code' | 'sha256' | 'report' | 'markdown' | 'textSource' | 'summary'>): IndexEntry => ({
    path: rel,
    status: e.status,
    error: e.error,
    code: e.code,
    bytes,
    sha256: e.sha256,
    report: e.report,
    markdown: e.markdown,
    overlays: null,
    html: null,
    textSource: e.textSource,
    summary: e.summary,
    warnings: [],
  });
  for (let k = 0; k < inputs.length; k++) {
    const input = inputs[k];
    const o = jobOutcome((await Job.fromId(queue, ids[k])) as Job<QueueJobData, QueueJobResult> | undefined);
    if (o.ok) {
      const r = o.result;
      entries.push(entry(input.rel, input.bytes, { status: 'ok', error: null, code: null, sha256: r.sha256, report: r.report, markdown: r.markdown, textSource: r.textSource, summary: r.summary }));
    } else {
      entries.push(entry(input.rel, input.bytes, { status: 'error', error: o.message, code: o.code, sha256: null, report: null, markdown: null, textSource: null, summary: null }));
    }
  }
  for (const m of missing) {
    entries.push(entry(m.rel, 0, { status: 'error', error: m.reason, code: 'not-found', sha256: null, report: null, markdown: null, textSource: null, summary: null }));
  }
  return buildIndex(entries);
}

export async function writeIndex(out: string, index: BatchIndex): Promise<void> {
  await writeFileAtomic(path.join(out, 'summary.csv'), formatCsv(index));
  await writeFileAtomic(path.join(out, 'index.json'), JSON.stringify(index, null, 2) + '\n');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
