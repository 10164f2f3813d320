/**
 * `enqueue --retry-failed` on a private redis-server with one worker: an encrypted filing fails
 * (needs-password), a damaged one too; retrying `needs-password` with a wrong password runs only the
 * encrypted one again (its attempts counted anew), with the right one it is analysed and
 * `--wait` exits 0; a plain `--retry-failed` then runs only the damaged one again, never a
 * completed job. An unknown code is one line and exit 2.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FAILURE_CODES } from '../../src/errors.js';
import { redisOptions } from '../../src/queue/connection.js';
import { collectInputs } from '../../src/queue/inputs.js';
import { encodeFailure, type QueueJobData } from '../../src/queue/jobs.js';
import { enqueueInputs, STALL_COUNT_FIELD } from '../../src/queue/producer.js';
import { makeFiling, truncate } from '../batch/make-pdfs.js';
import { cliProcesses, until } from '../helpers/cli-process.js';
import { describeRedis, startRedis, type RedisHandle } from '../helpers/redis.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-retry-'));
const IN = path.join(tmp, 'docket');
const OUT = path.join(tmp, 'out');
const { run, killAll } = cliProcesses();
let redis: RedisHandle | undefined;

afterAll(async () => {
  killAll();
  await redis?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

beforeAll(async () => {
  mkdirSync(IN);
  writeFileSync(path.join(IN, 'a-good.pdf'), await makeFiling({ pages: 1, seed: 71 }));
  writeFileSync(path.join(IN, 'x-damaged.pdf'), truncate(await makeFiling({ pages: 2, seed: 72 })));
  // user password "secret" (tests/fixtures/README.md)
  copyFileSync(path.join(here, '..', 'fixtures', 'encrypted-user-password.pdf'), path.join(IN, 'x-sealed.pdf'));
  // a manifest of the encrypted file alone (not a PDF: the folder's inputs stay the three above)
  writeFileSync(path.join(IN, 'sealed.txt'), 'x-sealed.pdf\n');
});

/** Lines of a worker's log about one input. */
const linesOf = (log: string, verb: string, name: string) => log.split('\n').filter((l) => l.startsWith(`${verb} `) && l.includes(name)).length;

interface Index {
  totals: { ok: number; error: number };
  files: { path: string; status: string; code: string | null; report: string | null }[];
}
const readIndex = (): Index => JSON.parse(readFileSync(path.join(OUT, 'index.json'), 'utf8'));

describeRedis('enqueue --retry-failed', () => {
  it('a retried job: back in line at this enqueue\'s priority, with its data, attempts counted anew', async () => {
    redis ??= await startRedis();
    const connection = redisOptions(redis.url);
    const queue = new Queue('rules', { connection });
    // a job taken by hand (no processor) and failed as a worker fails a file
    const taker = new Worker<QueueJobData>('rules', null, { connection: { ...connection, maxRetriesPerRequest: null }, autorun: false });
    try {
      const { inputs } = await collectInputs(IN, {});
      const sealed = inputs.filter((i) => i.rel === 'x-sealed.pdf');
      const [id] = (await enqueueInputs(queue, sealed)).ids;
      const job = (await taker.getNextJob('t1'))!;
      expect(job.id).toBe(id);
      await job.moveToFailed(new UnrecoverableError(encodeFailure('needs-password', 'encrypted PDF: a password is needed')), 't1');
      expect(await queue.getJobState(id)).toBe('failed');
      // as if it had stalled before: the count must not survive the retry
      const client = await queue.client;
      await client.hset(queue.toKey(id), { [STALL_COUNT_FIELD]: '2' });

      // another code: left alone
      expect(await enqueueInputs(queue, sealed, { retryFailed: ['too-large'] })).toMatchObject({ added: 0, retried: 0, existing: 1, failed: 1 });
      expect(await queue.getJobState(id)).toBe('failed');

      const again = await enqueueInputs(queue, sealed, { retryFailed: ['needs-password'], settings: { password: 'secret', ocr: 'never' }, markdown: true, priority: 7 });
      expect(again).toMatchObject({ added: 0, retried: 1, existing: 0, failed: 0 });
      const back = (await Job.fromId<QueueJobData>(queue, id))!;
      expect(await back.getState()).toBe('prioritized'); // not the plain wait list, taken before every prioritised job
      expect(back.priority).toBe(7);
      expect(back.attemptsMade).toBe(0);
      expect(back.failedReason).toBeUndefined();
      expect(await client.hget(queue.toKey(id), STALL_COUNT_FIELD)).toBeNull();
      expect(back.data).toMatchObject({ settings: { password: 'secret', ocr: 'never' }, markdown: true, label: 'x-sealed.pdf' });

      // waiting: not retried again, not counted as failed
      expect(await enqueueInputs(queue, sealed, { retryFailed: [...FAILURE_CODES] })).toMatchObject({ retried: 0, existing: 1, failed: 0 });
    } finally {
      await taker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  }, 120_000);

  it('queues failed jobs again, by failure code, with this enqueue\'s options; completed jobs never', async () => {
    redis ??= await startRedis();
    const redisArgs = ['--redis', redis.url];
    const worker = run(['worker', ...redisArgs, '--out', OUT, '--jobs', '1']);
    const log = () => worker.stderr();

    // first pass: the encrypted and the damaged filings fail
    const first = run(['enqueue', IN, ...redisArgs, '--wait', '--out', OUT, '-q']);
    expect((await first.done).code, first.stderr()).toBe(1);
    expect(first.stderr()).toMatch(/3 files enqueued on redactmap\n/);
    expect(first.stderr()).toMatch(/1 analysed, 2 failed/);
    expect(readIndex().files.map((f) => [f.path, f.code])).toEqual([
      ['a-good.pdf', null],
      ['x-damaged.pdf', 'damaged'],
      ['x-sealed.pdf', 'needs-password'],
    ]);
    const good = path.join(OUT, 'a-good.json');
    const goodReport = readFileSync(good, 'utf8');
    const goodTime = statSync(good).mtimeMs;

    // an unknown code: one line naming the valid codes, exit 2, nothing queued
    const bad = run(['enqueue', IN, ...redisArgs, '--retry-failed', 'needs-password,passwrd']);
    expect((await bad.done).code).toBe(2);
    expect(bad.stderr()).toBe(`redactmap: --retry-failed: unknown failure code 'passwrd' (valid: ${FAILURE_CODES.join(', ')})\n`);

    // only needs-password is retried; a wrong password fails it again, as its first attempt
    const wrong = run(['enqueue', IN, ...redisArgs, '--retry-failed', 'needs-password', '--password', 'wrong', '--wait', '--out', OUT, '-q']);
    expect((await wrong.done).code, wrong.stderr()).toBe(1);
    expect(wrong.stderr()).toMatch(/0 files enqueued on redactmap, 1 failed job retried \(2 already queued or done: same sha256; 1 of them failed, with another code\)\n/);
    expect(wrong.stderr()).toMatch(/x-sealed\.pdf: encrypted PDF: the password is wrong\n/); // this enqueue's password went into the job
    await until(() => linesOf(log(), 'failed', 'x-sealed.pdf') === 2, 'the worker to fail x-sealed.pdf again');
    expect(linesOf(log(), 'failed', 'x-damaged.pdf')).toBe(1);
    const status = run(['status', ...redisArgs, '--json']);
    expect((await status.done).code).toBe(0);
    const s = JSON.parse(status.stdout());
    expect(s.failures.map((f: { path: string; code: string; attempts: number }) => [f.path, f.code, f.attempts])).toEqual([
      ['x-damaged.pdf', 'damaged', 1],
      ['x-sealed.pdf', 'needs-password', 1], // attempts reset by the retry
    ]);

    // the right password, from a file, through a manifest of that file: analysed, its report written, exit 0
    const pw = path.join(path.dirname(IN), 'pw.txt');
    writeFileSync(pw, 'secret\n');
    const right = run(['enqueue', path.join(IN, 'sealed.txt'), ...redisArgs, '--retry-failed', '--password-file', pw, '--wait', '--out', OUT, '-q']);
    expect((await right.done).code, right.stderr()).toBe(0);
    expect(right.stderr()).toMatch(/0 files enqueued on redactmap, 1 failed job retried\n/);
    expect(right.stderr()).toMatch(/1 analysed, 0 failed/);
    const sealed = JSON.parse(readFileSync(path.join(OUT, 'x-sealed.json'), 'utf8'));
    expect(sealed.file.path).toBe('x-sealed.pdf');
    expect(sealed.summary.pages).toBe(1);
    // the earlier failure does not leak into the result
    expect(readIndex().files).toMatchObject([{ path: 'x-sealed.pdf', status: 'ok', code: null, report: 'x-sealed.json' }]);

    // every code: only the damaged file is left to run again; analysed jobs are never re-run
    const all = run(['enqueue', IN, ...redisArgs, '--retry-failed', '--wait', '--out', OUT, '-q']);
    expect((await all.done).code, all.stderr()).toBe(1);
    expect(all.stderr()).toMatch(/0 files enqueued on redactmap, 1 failed job retried \(2 already queued or done: same sha256\)\n/);
    expect(readIndex().files.map((f) => [f.path, f.status])).toEqual([
      ['a-good.pdf', 'ok'],
      ['x-damaged.pdf', 'error'],
      ['x-sealed.pdf', 'ok'],
    ]);
    await until(() => linesOf(log(), 'failed', 'x-damaged.pdf') === 2, 'the worker to fail x-damaged.pdf again');
    expect(linesOf(log(), 'wrote', 'a-good.pdf') + linesOf(log(), 'kept', 'a-good.pdf')).toBe(1);
    expect(linesOf(log(), 'wrote', 'x-sealed.pdf') + linesOf(log(), 'kept', 'x-sealed.pdf')).toBe(1);
    expect(readFileSync(good, 'utf8')).toBe(goodReport);
    expect(statSync(good).mtimeMs).toBe(goodTime);

    // status: the failures, and how to retry them
    const text = run(['status', ...redisArgs]);
    await text.done;
    expect(text.stdout()).toBe(
      `queue redactmap: 0 waiting, 0 active, 0 retrying, 2 done, 1 failed\nfailed:\n  x-damaged.pdf  damaged  ${s.failures[0].error}\nretry them: redactmap enqueue <source> --retry-failed\n`,
    );

    worker.child.kill('SIGTERM');
    expect((await worker.done).code).toBe(0);
  }, 600_000);
});
