/**
 * Bad input gets a clear one-line error naming the file and the reason, the documented exit code,
 * and never a stack trace or a hang: through the library and through the CLI.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { AnalysisError } from '../src/errors.js';
import { main } from '../src/cli/main.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'redactmap-bad-'));
const sample = readFileSync('samples/mou-redacted.pdf');
const fixture = (name: string) => path.join('tests', 'fixtures', name);
const files = {
  missing: path.join(dir, 'missing.pdf'),
  folder: path.join(dir, 'a-folder.pdf'),
  empty: path.join(dir, 'empty.pdf'),
  text: path.join(dir, 'notes.pdf'),
  truncated: path.join(dir, 'truncated.pdf'),
  garbage: path.join(dir, 'garbage.pdf'),
  huge: path.join(dir, 'huge-page.pdf'),
};

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), color: false });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  mkdirSync(files.folder);
  writeFileSync(files.empty, '');
  writeFileSync(files.text, 'Minutes of the meeting, not a PDF at all.\n');
  writeFileSync(files.truncated, sample.subarray(0, Math.floor(sample.length * 0.6)));
  writeFileSync(files.garbage, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 0x5a)]));
  const doc = await PDFDocument.create();
  const page = doc.addPage([14400, 14400]); // the largest page the PDF format allows (200 inches)
  page.drawText('A very large exhibit', { x: 200, y: 14000, size: 200, font: await doc.embedFont(StandardFonts.Helvetica) });
  writeFileSync(files.huge, await doc.save());
});

describe('library: failures are AnalysisErrors with a code and a one-line reason', () => {
  it.each([
    ['missing', 'not-found', /no such file/],
    ['folder', 'not-found', /not a regular file/],
    ['empty', 'empty', /empty file/],
    ['text', 'not-pdf', /not a PDF/],
    ['truncated', 'damaged', /damaged PDF/],
    ['garbage', 'damaged', /damaged PDF/],
  ] as const)('%s', async (key, code, message) => {
    const err = await analyze(files[key]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnalysisError);
    expect((err as AnalysisError).code).toBe(code);
    expect((err as AnalysisError).message).toMatch(message);
    expect((err as AnalysisError).message).not.toContain('\n');
  });

  it('a PDF with a user password needs it, rejects a wrong one, opens with the right one', async () => {
    const file = fixture('encrypted-user-password.pdf');
    await expect(analyze(file)).rejects.toMatchObject({ code: 'needs-password', message: expect.stringMatching(/needs a password/) });
    await expect(analyze(file, { password: 'wrong' })).rejects.toMatchObject({ code: 'needs-password', message: expect.stringMatching(/wrong/) });
    const report = await analyze(file, { password: 'secret' });
    expect(report.file.pages).toBe(1);
  });

  it('a PDF with only an owner password opens without one', async () => {
    const report = await analyze(fixture('encrypted-owner-password.pdf'));
    expect(report.pages[0].textSource).toBe('text-layer');
  });

  it('an enormous page is analysed, not refused, when it needs no rendering', async () => {
    const report = await analyze(files.huge);
    expect(report.pages[0].width).toBe(14400);
    expect(report.pages[0].text).toContain('A very large exhibit');
  });

  it('bytes work as input as well as paths', async () => {
    const report = await analyze(new Uint8Array(sample), { path: 'in-memory.pdf' });
    expect(report.file.path).toBe('in-memory.pdf');
    expect(report.file.pages).toBe(15);
  });
});

describe('CLI: exit codes and one-line errors', () => {
  it.each(['missing', 'folder', 'empty', 'text', 'truncated', 'garbage'] as const)('%s: exit 1, one line naming the file', async (key) => {
    const r = await cli('analyze', files[key]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(files[key]);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('needs a password: exit 1 and says so', async () => {
    const r = await cli('analyze', fixture('encrypted-user-password.pdf'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/needs a password \(--password\)/);
    expect((await cli('analyze', fixture('encrypted-user-password.pdf'), '--password', 'secret')).code).toBe(0);
  });

  it('usage errors exit 2', async () => {
    expect((await cli('analyze')).code).toBe(2);
    expect((await cli('analyze', 'x.pdf', '--no-such-flag')).code).toBe(2);
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('analyze', 'x.pdf', '--ocr', 'sometimes')).code).toBe(2);
    expect((await cli()).code).toBe(2);
  });

  it('help and version exit 0', async () => {
    expect((await cli('--help')).code).toBe(0);
    expect((await cli('--version')).code).toBe(0);
  });

  it('--fail-on-leak exits 3 on a leaky filing and 0 on a clean one', async () => {
    expect((await cli('analyze', 'samples/mou-redacted.pdf', '--fail-on-leak')).code).toBe(3);
    expect((await cli('analyze', fixture('encrypted-owner-password.pdf'), '--fail-on-leak')).code).toBe(0);
  });

  it('--json prints a report that parses; --out writes it atomically', async () => {
    const r = await cli('analyze', 'samples/mou-redacted.pdf', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).schemaVersion).toBe(2);
    const out = path.join(dir, 'out', 'report.json');
    const w = await cli('analyze', 'samples/mou-redacted.pdf', '--out', out);
    expect(w.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).summary.pages).toBe(15);
  });

  it('the default summary lists every section with its status and calls out the leaks', async () => {
    const r = await cli('analyze', 'samples/mou-redacted.pdf');
    expect(r.stdout).toMatch(/15 pages · 57 redactions/);
    expect(r.stdout).toMatch(/redacted\s+0%\s+VIII\. POINTS OF CONTACT/);
    expect(r.stdout).toMatch(/LEAKS \(3\)/);
    expect(r.stdout).toContain('Deputy Inspector Marguerite Oyelaran');
  });
});
