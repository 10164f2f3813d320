/**
 * bin/redactmap as a user runs it (a real process over the compiled dist/): a reader that closes
 * the pipe early ends it quietly; errors are one line.
 */
import { execSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(() => {
  if (!existsSync('dist/cli/main.js')) execSync('npm run build', { stdio: 'ignore' });
}, 120_000);

/** The bin processes run here. */
const pids: number[] = [];

/** Worker processes still alive that a bin process started (they name their parent in their environment). */
function workersOf(pid: number): number[] {
  if (!existsSync('/proc/self/environ')) return [];
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map(Number).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/environ`, 'utf8').split('\0').includes(`REDACTMAP_WORKER_PARENT_PID=${pid}`);
    } catch {
      return false;
    }
  });
}

function run(args: string[], closeAfterFirstChunk = false): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/redactmap', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    pids.push(child.pid!);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      if (closeAfterFirstChunk) child.stdout.destroy(); // like `| head -1`
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('bin/redactmap', () => {
  it('ends quietly when the reader closes the pipe early (| head)', async () => {
    const r = await run(['analyze', 'samples/mou-redacted.pdf', '--json'], true);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('prints one line for a file it cannot analyse, exit 1', async () => {
    const r = await run(['analyze', 'README.md']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('redactmap: README.md: not a PDF (no %PDF- header)\n');
  });

  it('`analyze` forks its worker first; a usage error still gets its one line and exit 2, and leaves no worker behind', async () => {
    for (const args of [['analyze', '--dpi', '9000', 'samples/mou-redacted.pdf'], ['analyze', '--bogus', 'samples/mou-redacted.pdf'], ['analyze']]) {
      const r = await run(args);
      expect(r.code).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(/^(redactmap: --dpi must be between 72 and 600|error: unknown option '--bogus'|error: missing required argument 'file')$/);
      expect(workersOf(pids.at(-1)!)).toEqual([]);
    }
  });

  it('`analyze --max-memory` still checks its value, and runs in a worker of that limit (not the one forked first)', async () => {
    const r = await run(['analyze', '--max-memory', '10', 'samples/mou-redacted.pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('redactmap: --max-memory must be at least 256 MiB\n');
    const ok = await run(['analyze', '--max-memory', '300', 'samples/mou-redacted.pdf', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).pages).toHaveLength(15);
    expect(workersOf(pids.at(-1)!)).toEqual([]);
  });
});
