/** `redactmap status`: the queue's counts and its failed jobs (path, code, reason). */
import type { Job, Queue } from 'bullmq';
import type { FailureCode } from '../errors.js';
import { compareRel } from '../batch/discover.js';
import { decodeFailure, type QueueJobData } from './jobs.js';

/** Failed jobs listed at most (the count is always whole). */
export const FAILURES_LISTED = 1000;

/** The line under the failures of `status` (not in --json). */
export const RETRY_HINT = 'retry them: redactmap enqueue <source> --retry-failed';

export interface QueueStatus {
  queue: string;
  /** Waiting to start (including prioritised and paused jobs). */
  waiting: number;
  active: number;
  /** Waiting out a retry delay. */
  retrying: number;
  done: number;
  failed: number;
  failures: { path: string; code: FailureCode; error: string; attempts: number }[];
}

export async function queueStatus(queue: Queue): Promise<QueueStatus> {
  const c = await queue.getJobCounts('wait', 'prioritized', 'paused', 'waiting-children', 'active', 'delayed', 'completed', 'failed');
  const failed = (await queue.getFailed(0, FAILURES_LISTED - 1)) as Job<QueueJobData>[];
  const failures = failed
    .filter((j) => j?.data)
    .map((j) => {
      const f = decodeFailure(j.failedReason);
      return { path: j.data.label, code: f.code, error: f.message, attempts: j.attemptsMade };
    })
    .sort((a, b) => compareRel(a.path, b.path));
  return {
    queue: queue.name,
    waiting: (c.wait ?? 0) + (c.prioritized ?? 0) + (c.paused ?? 0) + (c['waiting-children'] ?? 0),
    active: c.active ?? 0,
    retrying: c.delayed ?? 0,
    done: c.completed ?? 0,
    failed: c.failed ?? 0,
    failures,
  };
}

export function formatStatus(s: QueueStatus): string {
  const lines = [`queue ${s.queue}: ${s.waiting} waiting, ${s.active} active, ${s.retrying} retrying, ${s.done} done, ${s.failed} failed`];
  if (s.failures.length) {
    lines.push('failed:');
    for (const f of s.failures) lines.push(`  ${f.path}  ${f.code}  ${f.error}`);
    if (s.failed > s.failures.length) lines.push(`  … and ${s.failed - s.failures.length} more`);
  }
  if (s.failed) lines.push(RETRY_HINT);
  return lines.join('\n') + '\n';
}
