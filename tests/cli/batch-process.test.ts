/**
 * The batch command as a real process: killed mid-run (SIGKILL, no chance to clean up) it leaves
 * only complete reports and no orphan workers; --resume then finishes the job without redoing
 * any report. Ctrl-C (SIGINT) stops it cleanly with exit code 130.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { batchIndexSchema } from '../../src/batch/index-schema.js';
import { reportSchema } from '../../src/report/schema.js';
import { makeFiling } from '../batch/make-pdfs.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const ENTRY = path.join(here, 'cli-entry.ts');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-kill-'));
const IN = path.join(tmp, 'docket');
const FILES = 60;
const running: ChildProcess[] = [];

afterAll(() => {
  for (const c of running) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

beforeAll(async () => {
  mkdirSync(path.join(IN, 'part-b'), { recursive: true });
  for (let i = 0; i < FILES; i++) {
    const rel = i % 2 ? `part-b/f${String(i).padStart(3, '0')}.pdf` : `f${String(i).padStart(3, '0')}.pdf`;
    writeFileSync(path.join(IN, rel), await makeFiling({ pages: 4, leak: i % 3 === 0, seed: 100 + i }));
  }
});

function start(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Every file under dir, relative, "/"-separated. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const ent of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) walk(path.join(d, ent.name), r);
      else out.push(r);
    }
  };
  if (existsSync(dir)) walk(dir, '');
  return out.sort();
}

const reports = (out: string) => files(out).filter((f) => f.endsWith('.json') && f !== 'index.json' && !path.basename(f).startsWith('.'));

/** Child process ids of pid (Linux /proc). */
function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    // a zombie is gone for our purposes
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/**
 * Wait until cond holds, looking every 10 ms. No deadline of its own: how long a step takes depends
 * on the machine's load, so the only limit is the test's timeout (RUN_TIMEOUT_MS); when it passes,
 * the failure names what was awaited.
 */
let waitingFor: string | undefined;
async function until(cond: () => boolean, what: string): Promise<void> {
  waitingFor = what;
  while (!cond()) await new Promise((r) => setTimeout(r, 10));
  waitingFor = undefined;
}
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail' && waitingFor) ctx.task.result.errors?.push({ name: 'Waiting', message: `was waiting for ${waitingFor}` });
  waitingFor = undefined;
});

/** Each test runs two batches of 60 files on a machine that may be shared: a generous ceiling, not a measure. */
const RUN_TIMEOUT_MS = 900_000;

describe.runIf(process.platform === 'linux')('batch killed mid-run, then --resume', () => {
  const out = path.join(tmp, 'out');

  it('SIGKILL leaves only whole reports and no orphan workers; --resume completes without redoing any', async () => {
    const run = start(['batch', IN, '--out', out, '-r', '--markdown', '--jobs', '2']);
    let workers: number[] = [];
    await until(
      () => {
        workers = childrenOf(run.child.pid!);
        return reports(out).length >= 8 || run.child.exitCode !== null;
      },
      'some reports',
    );
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(path.join(out, 'index.json')), 'killed before the end').toBe(false);
    expect(workers.length).toBeGreaterThan(0);
    await until(() => workers.every((p) => !alive(p)), 'the workers to exit after the runner died');

    // every report on disk is whole and valid, and its Markdown (written first) is there
    const done = reports(out);
    expect(done.length).toBeGreaterThanOrEqual(8);
    expect(done.length).toBeLessThan(FILES);
    const before = new Map<string, { mtimeMs: number; ino: number }>();
    for (const f of done) {
      const text = readFileSync(path.join(out, f), 'utf8');
      expect(() => reportSchema.parse(JSON.parse(text)), f).not.toThrow();
      expect(existsSync(path.join(out, f.replace(/\.json$/, '.md'))), `${f} markdown`).toBe(true);
      const st = statSync(path.join(out, f));
      before.set(f, { mtimeMs: st.mtimeMs, ino: st.ino });
    }

    const resumed = start(['batch', IN, '--out', out, '-r', '--markdown', '--jobs', '2', '--resume']);
    const r = await resumed.done;
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`${done.length} already done (--resume)`);
    expect(r.stderr).toMatch(new RegExp(`\\(${FILES} ok, 0 failed, ${done.length} resumed\\)`));

    // complete: one whole report per input, none redone, nothing temporary left
    const all = reports(out);
    expect(all).toHaveLength(FILES);
    for (const f of all) reportSchema.parse(JSON.parse(readFileSync(path.join(out, f), 'utf8')));
    for (const [f, st] of before) {
      const now = statSync(path.join(out, f));
      expect({ mtimeMs: now.mtimeMs, ino: now.ino }, `${f} not redone`).toEqual(st);
    }
    expect(files(out).filter((f) => path.basename(f).startsWith('.'))).toEqual([]);
    const index = batchIndexSchema.parse(JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8')));
    expect(index.totals).toMatchObject({ files: FILES, ok: FILES, error: 0, pages: FILES * 4 });
  }, RUN_TIMEOUT_MS);

  it('SIGINT stops cleanly: exit 130, workers gone, no index; --resume finishes', async () => {
    const out2 = path.join(tmp, 'out-int');
    const run = start(['batch', IN, '--out', out2, '-r', '--jobs', '2']);
    let workers: number[] = [];
    await until(
      () => {
        workers = childrenOf(run.child.pid!);
        return reports(out2).length >= 4 || run.child.exitCode !== null;
      },
      'some reports',
    );
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted after .*Run again with --resume to finish\./);
    expect(existsSync(path.join(out2, 'index.json'))).toBe(false);
    expect(existsSync(path.join(out2, '.redactmap-batch.lock'))).toBe(false);
    await until(() => workers.every((p) => !alive(p)), 'the workers to exit');
    const again = await start(['batch', IN, '--out', out2, '-r', '--jobs', '2', '--resume', '-q']).done;
    expect(again.code).toBe(0);
    expect(reports(out2)).toHaveLength(FILES);
  }, RUN_TIMEOUT_MS);
});
