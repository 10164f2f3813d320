/** `analyze --format text|markdown|json` (and --json), --out by extension, and bin/redactmap from dist/. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { formatFor } from '../../src/cli/analyze-command.js';
import { reportSchema } from '../../src/report/schema.js';
import { makeFiling } from '../batch/make-pdfs.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-cli-'));
const pdf = path.join(tmp, 'filing.pdf');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
beforeAll(async () => writeFileSync(pdf, await makeFiling({ pages: 2, leak: true, seed: 6 })));

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), color: false });
  return { code, stdout, stderr };
}

describe('analyze --format', () => {
  it('json, and --json as its short form', async () => {
    const long = await cli(['analyze', pdf, '--format', 'json']);
    const short = await cli(['analyze', pdf, '--json']);
    expect(long.code).toBe(0);
    expect(long.stdout).toBe(short.stdout);
    expect(reportSchema.parse(JSON.parse(long.stdout)).summary.leaks).toBe(2);
  });

  it('markdown', async () => {
    const r = await cli(['analyze', pdf, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Redaction report: filing\.pdf\n/);
    expect(r.stdout).toContain('## Leaks');
    expect(r.stdout).toContain('### Page 2 (2 redactions)');
  });

  it('text by default', async () => {
    const r = await cli(['analyze', pdf]);
    expect(r.stdout).toContain('2 pages · 4 redactions (4 vector) · 2 leaks');
  });

  it('an unknown format is a usage error', async () => {
    const r = await cli(['analyze', pdf, '--format', 'pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Allowed choices are text, markdown, json, html');
  });

  it('--out picks the format by extension: .json, .md; --format wins', async () => {
    expect(formatFor({ out: 'r.md' })).toBe('markdown');
    expect(formatFor({ out: 'r.markdown' })).toBe('markdown');
    expect(formatFor({ out: 'r.JSON' })).toBe('json');
    expect(formatFor({ out: 'r.txt' })).toBe('text');
    expect(formatFor({ out: 'r.md', format: 'json' })).toBe('json');
    expect(formatFor({ out: 'review.HTML' })).toBe('html');
    expect(formatFor({ out: 'review.htm' })).toBe('html');
    const md = path.join(tmp, 'r.md');
    const r = await cli(['analyze', pdf, '--out', md]);
    expect(r.code).toBe(0);
    expect(readFileSync(md, 'utf8')).toMatch(/^# Redaction report/);
    expect(r.stdout).toContain('2 leaks'); // the terminal still gets the summary
  });
});

// bin/redactmap runs the compiled dist/ (built by `npm ci` through the prepare script)
const dist = path.join(root, 'dist', 'cli', 'batch-command.js');
describe.runIf(existsSync(dist))('bin/redactmap (compiled dist/)', () => {
  it('batch runs end to end with the compiled worker', () => {
    const dir = path.join(tmp, 'bin-in');
    const out = path.join(tmp, 'bin-out');
    spawnSync('mkdir', ['-p', dir]);
    writeFileSync(path.join(dir, 'a.pdf'), readFileSync(pdf));
    writeFileSync(path.join(dir, 'b.pdf'), 'not a pdf');
    const r = spawnSync(path.join(root, 'bin', 'redactmap'), ['batch', dir, '--out', out, '--quiet', '--markdown'], { encoding: 'utf8' });
    expect(r.stderr).toMatch(/1 of 2 files failed/);
    expect(r.status).toBe(1);
    const index = JSON.parse(readFileSync(path.join(out, 'index.json'), 'utf8'));
    expect(index.files.map((e: { path: string; status: string }) => `${e.path}:${e.status}`)).toEqual(['a.pdf:ok', 'b.pdf:error']);
    expect(existsSync(path.join(out, 'a.md'))).toBe(true);
  });
});
if (!existsSync(dist)) console.warn('\n*** dist/ is not built (npm run build): the bin/redactmap test is SKIPPED ***\n');
