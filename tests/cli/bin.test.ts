/**
 * bin/redactmap as a user runs it (a real process over the compiled dist/): a reader that closes
 * the pipe early ends it quietly; errors are one line.
 */
import { execSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';

beforeAll(() => {
  if (!existsSync('dist/cli/main.js')) execSync('npm run build', { stdio: 'ignore' });
}, 120_000);

function run(args: string[], closeAfterFirstChunk = false): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/redactmap', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
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
});
