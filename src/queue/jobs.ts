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
