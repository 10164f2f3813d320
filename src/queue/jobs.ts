/**
 * The queue's jobs: what a job carries, how it ends, and the retry rules. One job per PDF, its id
 * the file's sha256: BullMQ ignores an add whose id exists (waiting, running, done or failed), so
 * the same content is never queued or analysed twice while its job is kept.
 */
import { FAILURE_CODES, type FailureCode } from '../errors.js';
import type { ReportSummary } from '../report/schema.js';
import type { TextSourceSummary } from '../batch/protocol.js';
import type { SettingsInput } from '../settings.js';

export const DEFAULT_QUEUE_NAME = 'redactmap';
/** Attempts of a job whose analysis process died (failure code `internal`); file failures get one. */
export const RETRY_ATTEMPTS = 3;
/** First retry delay, ms; doubled at each further attempt (BullMQ exponential backoff). */
export const RETRY_BACKOFF_MS = 10_000;
/** Times a job may be taken back from a dead worker (stalled) before it fails. */
export const MAX_STALLED_COUNT = 2;
/** A worker's lock on its job lasts this long unless renewed; a dead worker's job is taken back after at most about twice this. */
export const DEFAULT_STALLED_SECONDS = 30;
/** Priority of jobs enqueued without --priority (BullMQ: 1 is first; lower runs sooner). */
export const DEFAULT_PRIORITY = 100;
/** Priority of `--priority` without a value: ahead of every ordinary job. */
export const URGENT_PRIORITY = 1;
export const MAX_PRIORITY = 2_097_152;

export interface QueueJobData {
  /** Absolute path of the PDF: storage every worker sees at the same path. */
  file: string;
  /** Path relative to the enqueued folder (or manifest): the report's file.path, as in batch. */
  label: string;
  /** Report name without extension, relative to the worker's --out folder (batch's naming). */
  outBase: string;
  bytes: number;
  sha256: string;
  settings: Pick<SettingsInput, 'password' | 'ocr' | 'dpi'>;
  /** Also write the Markdown report. */
  markdown: boolean;
}

export interface QueueJobResult {
  /** The report, relative to the output folder. */
  report: string;
  markdown: string | null;
  sha256: string;
  summary: ReportSummary;
  textSource: TextSourceSummary;
  /** False when an earlier holder of the job had already written the report (it is never written twice). */
  written: boolean;
}

/** A file failure is final (the same bytes fail the same way); a dead or stopped analysis is retried. */
export function isFinal(code: FailureCode): boolean {
  return code !== 'internal' && code !== 'aborted';
}

/** Whether a failure with `attemptsMade` earlier attempts (of `attempts` allowed) ends the job. */
export function isLastAttempt(code: FailureCode, attemptsMade: number, attempts: number): boolean {
  return isFinal(code) || attemptsMade + 1 >= attempts;
}

/**
 * `enqueue --retry-failed`: a failed job is queued again as new, its attempts counted from zero (so
 * an `internal` job gets its RETRY_ATTEMPTS again) and its earlier failedReason removed.
 */
export const RETRY_RESET = { resetAttemptsMade: true, resetAttemptsStarted: true } as const;

export class RetryCodesError extends Error {
  override name = 'RetryCodesError';
}

/** The codes of `--retry-failed [codes]`: every code when none are given; an unknown one is a RetryCodesError. */
export function parseRetryCodes(value: string | true): FailureCode[] {
  if (value === true) return [...FAILURE_CODES];
  const codes = value.split(',').map((c) => c.trim()).filter(Boolean);
  const valid = `valid: ${FAILURE_CODES.join(', ')}`;
  const unknown = codes.filter((c) => !(FAILURE_CODES as readonly string[]).includes(c));
  if (unknown.length) throw new RetryCodesError(`--retry-failed: unknown failure code${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `'${c}'`).join(', ')} (${valid})`);
  if (codes.length === 0) throw new RetryCodesError(`--retry-failed: give failure codes separated by commas, or none for all (${valid})`);
  return [...new Set(codes as FailureCode[])];
}

/**
 * Rule: `enqueue --retry-failed docket/` (the flag before the source). The flag's value is
 * optional, so it takes the source as its codes and the source is missing. When no source is given
 * and the flag's value is not a list of failure codes, that value is the source, and every code is
 * retried. A source given too keeps the value as codes (an unknown one is still an error).
 */
export function sourceAfterRetryFlag(source: string | undefined, retryFailed: string | true | undefined): { source?: string; retryFailed?: string | true } {
  if (source !== undefined || typeof retryFailed !== 'string' || isCodeList(retryFailed)) return { source, retryFailed };
  return { source: retryFailed, retryFailed: true };
}

function isCodeList(value: string): boolean {
  try {
    parseRetryCodes(value);
    return true;
  } catch {
    return false;
  }
}

/** Whether `enqueue --retry-failed <codes>` queues this existing job again: only a failed one whose code is listed. */
export function shouldRetry(state: string, failedReason: string | undefined, codes: readonly FailureCode[]): boolean {
  return state === 'failed' && codes.includes(decodeFailure(failedReason).code);
}

/** What a job's stored fields say once it has ended. */
export type JobOutcome = { ok: true; result: QueueJobResult } | { ok: false; code: FailureCode; message: string };

/**
 * A job ended well when it has a return value and an end time. A failedReason beside them is an
 * earlier attempt's (BullMQ keeps it when an `internal` failure is retried and the job then
 * completes): it does not make the job a failure.
 */
export function jobOutcome(job: { returnvalue?: QueueJobResult | null; finishedOn?: number | null; failedReason?: string | null } | undefined): JobOutcome {
  if (!job) return { ok: false, code: 'internal', message: 'job not found in Redis (removed?)' };
  if (job.returnvalue && job.finishedOn) return { ok: true, result: job.returnvalue };
  return { ok: false, ...decodeFailure(job.failedReason ?? undefined) };
}

/** The failure as stored in Redis (job.failedReason): "<code>: <one-line message>". */
export function encodeFailure(code: FailureCode, message: string): string {
  return `${code}: ${message}`;
}

/** Code and message of a job's failedReason; BullMQ's own reasons (stalled too often) are internal. */
export function decodeFailure(reason: string | undefined): { code: FailureCode; message: string } {
  const m = /^([a-z-]+): (.*)$/s.exec(reason ?? '');
  if (m && (FAILURE_CODES as readonly string[]).includes(m[1])) return { code: m[1] as FailureCode, message: m[2] };
  return { code: 'internal', message: reason || 'failed (no reason recorded)' };
}
