/**
 * `analyze --checks` lists every leak kind and notice; `--fail-on-leak` exits 3 for a leak of any
 * kind (a metadata leak alone), never for notices alone; `analyze` without a file is a usage error.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { LEAK_KINDS, NOTICE_KINDS } from '../../src/report-types.js';
import { docWith, redactedBody, save, SECRET } from '../forensics/fixtures.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'redactmap-checks-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), color: false });
  return { code, stdout, stderr };
}

describe('analyze --checks', () => {
  it('lists every leak kind and every notice, and exits 0', async () => {
    const r = await cli(['analyze', '--checks']);
    expect(r.code).toBe(0);
    for (const kind of [...LEAK_KINDS, ...NOTICE_KINDS]) expect(r.stdout).toMatch(new RegExp(`^  ${kind} `, 'm'));
    expect(r.stdout).toContain('--fail-on-leak');
  });

  it('analyze without a file (and without --checks) is a usage error', async () => {
    const r = await cli(['analyze']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument 'file'");
  });

  it('--help points to --checks', async () => {
    const r = await cli(['analyze', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('redactmap analyze --checks');
  });
});

describe('--fail-on-leak with leaks beyond the page', () => {
  it('exits 3 for a metadata leak alone, and 0 for notices alone', async () => {
    const leaky = await docWith(redactedBody());
    leaky.doc.setTitle(`Statement of ${SECRET}`);
    const leakyFile = path.join(tmp, 'leaky.pdf');
    writeFileSync(leakyFile, await save(leaky));
    const r = await cli(['analyze', leakyFile, '--fail-on-leak']);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/LEAKS \(1\)/);
    expect(r.stdout).toMatch(/^ {2}text in the metadata \(metadata, 1\)$/m);

    const noticesOnly = path.join(tmp, 'notices.pdf');
    writeFileSync(noticesOnly, await save(await docWith(redactedBody())));
    const clean = await cli(['analyze', noticesOnly, '--fail-on-leak']);
    expect(clean.stdout).not.toContain('LEAKS');
    expect(clean.stdout).toMatch(/^notice: redacted width measurable for 1 redaction \(p1\): p1-r1 [\d.]+ pt ≈ [\d.]+ characters$/m);
    expect(clean.code).toBe(0);
  });
});
