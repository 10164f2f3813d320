/**
 * The queue on a private redis-server: a folder of good and bad filings enqueued, two workers, one
 * killed with SIGKILL while it holds a job. Every report ends up whole and equal to batch's (and so
 * does the index `enqueue --wait --out` writes), the dead worker's job is taken back by the other,
 * no report is written twice, failures are final (one attempt) and listed by `status`.
 *
 * Worker A runs its analyses behind a gate that is never opened (tests/helpers/gate-worker.ts): it
 * surely dies mid-job, whatever this machine's speed.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runBatch } from '../../src/batch/run-batch.js';
import { makeFiling, truncate } from '../batch/make-pdfs.js';
import { cliProcesses, until } from '../helpers/cli-process.js';
import { describeRedis, startRedis, type RedisHandle } from '../helpers/redis.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-queue-'));
const IN = path.join(tmp, 'docket');
const GOOD = 8;
const { run, killAll } = cliProcesses();
let redis: RedisHandle | undefined;

afterAll(async () => {
  killAll();
  await redis?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const jsonFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
/** "wrote x.json" lines of a worker's log. */
const wrote = (log: string) => [...log.matchAll(/^wrote (\S+\.json) /gm)].map((m) => m[1]);

beforeAll(async () => {
  mkdirSync(IN);
  for (let i = 0; i < GOOD; i++) writeFileSync(path.join(IN, `f${i}.pdf`), await makeFiling({ pages: 2, leak: i % 2 === 0, seed: 40 + i }));
  writeFileSync(path.join(IN, 'x-damaged.pdf'), truncate(await makeFiling({ pages: 2, seed: 90 })));
  writeFileSync(path.join(IN, 'x-notes.pdf'), 'not a pdf at all\n');
  copyFileSync(path.join(here, '..', 'fixtures', 'encrypted-user-password.pdf'), path.join(IN, 'x-sealed.pdf'));
});

describeRedis('queue workers on Redis', () => {
  it('a worker killed with -9 mid-job loses nothing; reports equal batch\'s; failures are final and listed', async () => {
    redis = await startRedis();
    const url = redis.url;
    const out = path.join(tmp, 'out');
    const gate = path.join(tmp, 'gate');
    mkdirSync(gate);

    const batchOut = path.join(tmp, 'batch-out');
    await runBatch(IN, { out: batchOut, jobs: 1 });

    const enq = run(['enqueue', IN, '--redis', url]);
    expect(await enq.done).toEqual({ code: 0, signal: null });
    expect(enq.stderr()).toMatch(/11 files enqueued/);

    // A takes the first job and holds it at the gate; then B starts and works through the rest
    const a = run(['worker', '--redis', url, '--out', out, '--jobs', '1', '--stalled-seconds', '3'], { gate });
    await until(() => readdirSync(gate).some((f) => f.startsWith('started-')), 'worker A to take a job');
    const held = readFileSync(path.join(gate, readdirSync(gate).find((f) => f.startsWith('started-'))!), 'utf8');
    expect(held).toBe('f0.pdf'); // jobs of one priority start in the order enqueued (sorted paths)
    const b = run(['worker', '--redis', url, '--out', out, '--jobs', '1', '--stalled-seconds', '3']);
    await until(() => wrote(b.stderr()).length >= 2, 'worker B to write reports');
    a.child.kill('SIGKILL');
    expect((await a.done).signal).toBe('SIGKILL');

    const wait = run(['enqueue', IN, '--redis', url, '--wait', '--out', out, '-q']);
    const waited = await wait.done;
    expect(waited.code, wait.stderr()).toBe(1); // three inputs failed
    expect(wait.stderr()).toMatch(/0 files enqueued on redactmap \(11 already queued or done: same sha256(; [0-3] of them failed: --retry-failed queues them again)?\)/); // B may not have reached the failures yet
    expect(wait.stderr()).toMatch(/8 analysed, 3 failed/);

    // every report whole and equal to batch's; the index too
    expect(jsonFiles(out)).toEqual(jsonFiles(batchOut));
    for (const f of jsonFiles(out)) expect(readFileSync(path.join(out, f), 'utf8'), f).toBe(readFileSync(path.join(batchOut, f), 'utf8'));
    expect(readFileSync(path.join(out, 'summary.csv'), 'utf8')).toBe(readFileSync(path.join(batchOut, 'summary.csv'), 'utf8'));
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // A wrote nothing; B wrote each report once, the one A held included
    expect(wrote(a.stderr())).toEqual([]);
    const byB = wrote(b.stderr());
    expect(byB.sort()).toEqual(jsonFiles(out).filter((f) => f !== 'index.json'));
    expect(byB).toContain(held.replace(/\.pdf$/, '.json'));
    expect(b.stderr()).toMatch(/took back job/);

    // failures: final after one attempt, listed by status
    const status = run(['status', '--redis', url, '--json']);
    expect((await status.done).code).toBe(0);
    const s = JSON.parse(status.stdout());
    expect(s).toMatchObject({ waiting: 0, active: 0, retrying: 0, done: GOOD, failed: 3 });
    expect(s.failures.map((f: { path: string; code: string; attempts: number }) => [f.path, f.code, f.attempts])).toEqual([
      ['x-damaged.pdf', 'damaged', 1],
      ['x-notes.pdf', 'not-pdf', 1],
      ['x-sealed.pdf', 'needs-password', 1],
    ]);
    const text = run(['status', '--redis', url]);
    await text.done;
    expect(text.stdout()).toMatch(/^queue redactmap: 0 waiting, 0 active, 0 retrying, 8 done, 3 failed\nfailed:\n  x-damaged\.pdf  damaged  /);
    expect(text.stdout()).toMatch(/\nretry them: redactmap enqueue <source> --retry-failed\n$/);

    // B stops cleanly on SIGTERM
    b.child.kill('SIGTERM');
    expect((await b.done).code).toBe(0);
  }, 900_000);

  it('a wrong Redis address is one line and exit 1; a bad URL is a usage error', async () => {
    const down = run(['status', '--redis', 'redis://127.0.0.1:1']);
    expect((await down.done).code).toBe(1);
    expect(down.stderr()).toBe('redactmap: cannot reach Redis at redis://127.0.0.1:1 (ECONNREFUSED)\n');
    const bad = run(['enqueue', IN, '--redis', 'http://x']);
    expect((await bad.done).code).toBe(2);
    const noWait = run(['enqueue', IN, '--redis', 'redis://127.0.0.1:1', '--out', tmp]);
    expect((await noWait.done).code).toBe(2);
    // a setting out of range is the command line's error, before Redis, not every job's failure later
    const dpi = run(['enqueue', IN, '--redis', 'redis://127.0.0.1:1', '--dpi', '5000']);
    expect((await dpi.done).code).toBe(2);
    expect(dpi.stderr()).toBe('redactmap: --dpi must be between 72 and 600\n');
    // the flag before the source: the folder is the source, not codes (it reaches Redis, then fails there)
    const flagFirst = run(['enqueue', '--retry-failed', IN, '--redis', 'redis://127.0.0.1:1']);
    expect((await flagFirst.done).code).toBe(1);
    expect(flagFirst.stderr()).toBe('redactmap: cannot reach Redis at redis://127.0.0.1:1 (ECONNREFUSED)\n');
    const noSource = run(['enqueue', '--retry-failed', 'timeout', '--redis', 'redis://127.0.0.1:1']);
    expect((await noSource.done).code).toBe(2);
    expect(noSource.stderr()).toMatch(/^error: missing required argument 'source'\n/);
    // the help still says the source is required
    const help = run(['enqueue', '--help']);
    await help.done;
    expect(help.stdout()).toMatch(/^Usage: redactmap enqueue \[options\] <source>\n/);
  }, 300_000);
});
