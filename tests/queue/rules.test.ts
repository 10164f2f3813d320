/** The queue's small rules, each alone: retry policy, failure encoding, manifest names, Redis URLs. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FAILURE_CODES } from '../../src/batch/index-file.js';
import { redisOptions, redactedUrl, RedisUsageError } from '../../src/queue/connection.js';
import { manifestName, readManifest } from '../../src/queue/inputs.js';
import { decodeFailure, encodeFailure, isFinal, isLastAttempt, jobOutcome, parseRetryCodes, RETRY_ATTEMPTS, RETRY_RESET, RetryCodesError, shouldRetry, sourceAfterRetryFlag, type QueueJobResult } from '../../src/queue/jobs.js';
import { formatStatus, RETRY_HINT, type QueueStatus } from '../../src/queue/status.js';
import { enqueuedLine } from '../../src/cli/queue-commands.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-queue-rules-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('jobs', () => {
  it('only a dead or stopped analysis (internal, aborted) is retried; file failures are final', () => {
    expect(FAILURE_CODES.filter((c) => !isFinal(c)).sort()).toEqual(['aborted', 'internal']);
  });

  it('failures round-trip through failedReason; other reasons are internal', () => {
    for (const code of FAILURE_CODES) expect(decodeFailure(encodeFailure(code, 'why: here'))).toEqual({ code, message: 'why: here' });
    expect(decodeFailure('job stalled more than allowable limit')).toEqual({ code: 'internal', message: 'job stalled more than allowable limit' });
    expect(decodeFailure(undefined).code).toBe('internal');
  });
});

describe('--retry-failed', () => {
  it('takes every code by default, or the listed ones; an unknown code is one line naming the valid ones', () => {
    expect(parseRetryCodes(true)).toEqual([...FAILURE_CODES]);
    expect(parseRetryCodes('needs-password, too-large,needs-password')).toEqual(['needs-password', 'too-large']);
    expect(() => parseRetryCodes('needs-password,passwrd')).toThrow(RetryCodesError);
    expect(() => parseRetryCodes('passwrd')).toThrow(`--retry-failed: unknown failure code 'passwrd' (valid: ${FAILURE_CODES.join(', ')})`);
    expect(() => parseRetryCodes(' , ')).toThrow(/^--retry-failed: give failure codes/);
  });

  it('takes a value that is no code list as the source when none is given (enqueue --retry-failed docket/)', () => {
    expect(sourceAfterRetryFlag(undefined, 'docket/')).toEqual({ source: 'docket/', retryFailed: true });
    expect(sourceAfterRetryFlag(undefined, 'docket')).toEqual({ source: 'docket', retryFailed: true });
    // codes, or a source given too: as written (an unknown code stays an error)
    expect(sourceAfterRetryFlag(undefined, 'timeout,damaged')).toEqual({ source: undefined, retryFailed: 'timeout,damaged' });
    expect(sourceAfterRetryFlag('docket/', 'passwrd')).toEqual({ source: 'docket/', retryFailed: 'passwrd' });
    expect(sourceAfterRetryFlag('docket/', true)).toEqual({ source: 'docket/', retryFailed: true });
    expect(sourceAfterRetryFlag(undefined, undefined)).toEqual({ source: undefined, retryFailed: undefined });
  });

  it('retries only failed jobs of a listed code: waiting, running, retrying and completed jobs are left alone', () => {
    const pw = encodeFailure('needs-password', 'the PDF is encrypted');
    expect(shouldRetry('failed', pw, ['needs-password'])).toBe(true);
    expect(shouldRetry('failed', encodeFailure('damaged', 'truncated'), ['needs-password', 'too-large'])).toBe(false);
    expect(shouldRetry('failed', 'job stalled more than allowable limit', ['internal'])).toBe(true);
    for (const state of ['waiting', 'prioritized', 'active', 'delayed', 'completed', 'unknown']) expect(shouldRetry(state, pw, FAILURE_CODES), state).toBe(false);
  });

  it('a retried job gets its attempts anew: an internal failure is retried RETRY_ATTEMPTS times again', () => {
    expect(RETRY_RESET).toMatchObject({ resetAttemptsMade: true });
    // exhausted before the retry; the retry counts attempts from zero (BullMQ resetAttemptsMade)
    expect(isLastAttempt('internal', RETRY_ATTEMPTS - 1, RETRY_ATTEMPTS)).toBe(true);
    const afterRetry = 0;
    const lasts = Array.from({ length: RETRY_ATTEMPTS }, (_, k) => isLastAttempt('internal', afterRetry + k, RETRY_ATTEMPTS));
    expect(lasts).toEqual([...Array(RETRY_ATTEMPTS - 1).fill(false), true]);
    expect(isLastAttempt('needs-password', afterRetry, RETRY_ATTEMPTS)).toBe(true);
  });

  it('a job that completed is analysed, even with the failedReason an earlier attempt left', () => {
    const result = { report: 'a.json', sha256: 'ab' } as QueueJobResult;
    expect(jobOutcome({ returnvalue: result, finishedOn: 2, failedReason: 'internal: the analysis process died' })).toEqual({ ok: true, result });
    expect(jobOutcome({ returnvalue: null, finishedOn: 2, failedReason: 'needs-password: wrong password' })).toEqual({ ok: false, code: 'needs-password', message: 'wrong password' });
    // retried, back in the queue: not ended, not analysed
    expect(jobOutcome({ returnvalue: null, finishedOn: null, failedReason: null }).ok).toBe(false);
    expect(jobOutcome(undefined)).toMatchObject({ ok: false, code: 'internal' });
  });

  it('the summary says how many were retried, and how many failed jobs were left', () => {
    const done = { ids: [], added: 1, retried: 2, existing: 4, failed: 1 };
    expect(enqueuedLine('q', done, true)).toBe('1 file enqueued on q, 2 failed jobs retried (4 already queued or done: same sha256; 1 of them failed, with another code)');
    expect(enqueuedLine('q', { ...done, retried: 0 }, false)).toBe('1 file enqueued on q (4 already queued or done: same sha256; 1 of them failed: --retry-failed queues them again)');
    expect(enqueuedLine('q', { ids: [], added: 3, retried: 0, existing: 0, failed: 0 }, false)).toBe('3 files enqueued on q');
  });

  it('status shows how to retry under its failures, only when there are some', () => {
    const s: QueueStatus = { queue: 'q', waiting: 0, active: 0, retrying: 0, done: 1, failed: 1, failures: [{ path: 'a.pdf', code: 'timeout', error: 'over 300 s', attempts: 1 }] };
    expect(formatStatus(s)).toBe(`queue q: 0 waiting, 0 active, 0 retrying, 1 done, 1 failed\nfailed:\n  a.pdf  timeout  over 300 s\n${RETRY_HINT}\n`);
    expect(formatStatus({ ...s, failed: 0, failures: [] })).not.toContain(RETRY_HINT);
  });
});

describe('manifest', () => {
  it('names entries relative to the manifest; entries outside it by their absolute path', () => {
    expect(manifestName('/data/docket', '/data/docket/sub/a.pdf')).toBe('sub/a.pdf');
    expect(manifestName('/data/docket', '/data/other/b.pdf')).toBe('data/other/b.pdf');
  });

  it('skips blanks, comments and repeats; reports missing files', async () => {
    mkdirSync(path.join(tmp, 'm', 'sub'), { recursive: true });
    writeFileSync(path.join(tmp, 'm', 'sub', 'a.pdf'), '%PDF-1.4');
    writeFileSync(path.join(tmp, 'm', 'b.PDF'), '%PDF-1.4');
    const manifest = path.join(tmp, 'm', 'list.txt');
    writeFileSync(manifest, `# docket 12\nsub/a.pdf\n\n  b.PDF  \nsub/a.pdf\ngone.pdf\n`);
    const r = await readManifest(manifest);
    expect(r.inputs.map((i) => [i.rel, i.outBase])).toEqual([
      ['b.PDF', 'b'],
      ['sub/a.pdf', 'sub/a'],
    ]);
    expect(r.missing).toEqual([{ rel: 'gone.pdf', reason: 'no such file' }]);
  });
});

describe('redis URL', () => {
  it('reads host, port, db, credentials and TLS', () => {
    expect(redisOptions('redis://127.0.0.1:6390/2')).toEqual({ host: '127.0.0.1', port: 6390, db: 2 });
    expect(redisOptions('rediss://u:p%40ss@cache.local')).toEqual({ host: 'cache.local', port: 6379, username: 'u', password: 'p@ss', tls: {} });
    expect(() => redisOptions('http://x')).toThrow(RedisUsageError);
    expect(() => redisOptions('127.0.0.1:6379')).toThrow(RedisUsageError);
    expect(redactedUrl('redis://u:secret@h:1')).toBe('redis://u:***@h:1');
  });
});
