/**
 * `redactmap serve` as a real process: it binds 127.0.0.1, and on SIGTERM finishes the request it
 * is running while refusing new ones, then exits 0. The analysis is held at a gate
 * (tests/helpers/gate-worker.ts) so that SIGTERM surely arrives mid-request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFiling } from '../batch/make-pdfs.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const ENTRY = path.join(here, '..', 'helpers', 'gated-cli-entry.ts');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-serve-proc-'));
const running: ChildProcess[] = [];
afterAll(() => {
  for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(tmp, { recursive: true, force: true });
});

async function until(cond: () => boolean, what: string) {
  for (let i = 0; !cond(); i++) {
    if (i > 15000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.runIf(process.platform === 'linux')('serve process', () => {
  it('SIGTERM: the running request finishes, new ones are refused, exit 0', async () => {
    const gate = path.join(tmp, 'gate');
    mkdirSync(gate);
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'serve', '--port', '0', '--jobs', '1'], {
      cwd: root,
      env: { ...process.env, REDACTMAP_TEST_GATE: gate },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await until(() => /listening on http:\/\/127\.0\.0\.1:\d+/.test(stderr), 'the server to listen');
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)![1];

    const pdf = Buffer.from(await makeFiling({ pages: 1, seed: 11 }));
    const first = fetch(`${url}/analyze`, { method: 'POST', body: pdf });
    await until(() => readdirSync(gate).some((f) => f.startsWith('started-')), 'the analysis to start');
    child.kill('SIGTERM');
    await until(() => /shutting down \(1 running/.test(stderr), 'the shutdown to begin');

    // a new connection is refused (or, on a connection still open, answered 503)
    const late = await fetch(`${url}/health`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(late);

    writeFileSync(path.join(gate, 'release'), '');
    const res = await first;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { schemaVersion: number }).schemaVersion).toBe(2);
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/stopped\n$/);
    expect(existsSync(gate)).toBe(true);
  }, 600_000);
});
